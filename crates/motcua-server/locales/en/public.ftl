# Pages: the public portal (catalogue, online submission, my dossiers,
# look-up, rating, feedback). Ids start with "pub-" (notices with "notice-").

notice-dossier-submitted = Your dossier has been submitted online. The one-stop counter will check and receive it; the dossier code and the due date are issued on reception.

pub-currency = VND
pub-form-has-error = Not sent yet.
pub-pager-label = Pages
pub-dossier-code = Dossier code
pub-dossier-status = Status
pub-dossier-channel = Channel
pub-dossier-receiving-unit = Receiving unit
pub-dossier-submitted = Submitted on
pub-dossier-received = Received on
pub-dossier-due = Result due
pub-dossier-finished-done = Handled on
pub-dossier-finished-refused = Refused on
pub-dossier-finished-withdrawn = Withdrawn on
pub-dossier-finished-stopped = Handling stopped on
pub-dossier-returned = Result returned on
pub-dossier-timeline = Progress

# Online service levels (Decree 42/2022/NĐ-CP), implementing levels, time limits
pub-online-full = Full (toàn trình)
pub-online-partial = Partial (một phần)
pub-online-none = None (apply in person)
pub-level-central = Central
pub-level-province = Province
pub-level-department = Department
pub-level-district = District
pub-level-commune = Commune
pub-limit-working-days = { $n } working days
pub-limit-working-days-one = { $n } working day
pub-limit-working-hours = { $n } working hours
pub-limit-working-hours-one = { $n } working hour
pub-limit-days = { $n } days
pub-limit-days-one = { $n } day
pub-limit-months = { $n } months
pub-limit-months-one = { $n } month
pub-publication-published = Published
pub-publication-amended = Published (amended)
pub-publication-abolished = Abolished
pub-timeliness-early = Early
pub-timeliness-on-time = On time
pub-timeliness-late = Late
pub-timeliness-within = Within the time limit
pub-timeliness-overdue = Overdue

# Home: the catalogue
pub-home-title = Administrative procedures
pub-home-lead = Find an administrative procedure, apply online, follow your dossier and send feedback.
pub-home-search-heading = Find a procedure
pub-home-search-label = Procedure name or code
pub-home-search-hint = Type it as you would say it, with or without diacritics, e.g. lam giay khai sinh, so do.
pub-home-all-fields = All fields
pub-home-online-only = Only procedures with an online service
pub-home-clear = Clear the search
pub-home-services = Services for citizens and businesses
pub-home-link-lookup = Track a dossier
pub-home-link-lookup-text = See where your dossier stands, with the code on your receipt.
pub-home-link-my = My dossiers
pub-home-link-my-text = Log in to see the dossiers you submitted online.
pub-home-link-feedback = Feedback
pub-home-link-feedback-text = Feedback on administrative regulations and how procedures are handled.
pub-home-results = Search results
pub-home-catalog = Catalogue of administrative procedures
pub-home-no-results = No procedure found. Try a shorter word, or choose "All fields".
pub-home-found = Procedures found: { $count }. The best match comes first.
pub-home-catalog-count = Procedures in the catalogue: { $count }.
pub-home-some-words = No procedure has every word you typed; these have some of them.

# One procedure
pub-proc-back = ← Procedure catalogue
pub-proc-name = Procedure
pub-proc-code = Procedure code
pub-proc-field = Field
pub-proc-level = Level
pub-proc-online = Online service
pub-proc-time-limit = Time limit
pub-proc-agency = Implementing agency
pub-proc-applicants = Who may apply
pub-proc-result = Result
pub-proc-publication = Publication
pub-proc-decision = publication decision no. { $number }
pub-proc-effective-from = in force from { $date }
pub-proc-effective-to = in force until the end of { $date }
pub-proc-updated = Last updated
pub-proc-not-given = Not given yet
pub-proc-abolished = This procedure has been abolished; dossiers are no longer accepted.
pub-proc-not-in-force = This procedure is not in force at present; dossiers are not accepted.
pub-proc-apply = Apply
pub-proc-apply-online-text = This procedure takes online applications: fill in the form, attach electronic copies of the documents, then follow your dossier on the portal.
pub-proc-submit-online = Apply online
pub-proc-submit-login-hint = You need to log in with a citizen account.
pub-proc-apply-counter-too = You may also apply in person at the one-stop counter ({ $agency }) or by public postal service.
pub-proc-apply-counter-only = This procedure has no online service yet. Please apply in person at the one-stop counter ({ $agency }) or by public postal service.
pub-proc-apply-none = Dossiers for this procedure are not accepted at present.
pub-proc-facts = General information
pub-proc-steps = Steps
pub-proc-step-submit = The applicant hands in the dossier in one of the ways listed below.
pub-proc-step-receive = The one-stop counter checks the dossier: a complete dossier is received, with a receipt and a due date for the result; an incomplete one gets guidance on what to add.
pub-proc-step-time = { $time }
pub-proc-step-return = The one-stop counter returns the result to the applicant.
pub-proc-steps-note = The time after each step is the part of the time limit given to that step.
pub-proc-channels = How to apply
pub-proc-channel-counter-text = at the one-stop counter of { $agency }.
pub-proc-channel-online-text = on the public service portal (level: { $level }).
pub-proc-channel-postal-text = send the dossier by public postal service.
pub-proc-components = Documents required
pub-proc-component-name = Document
pub-proc-component-form = Form
pub-proc-originals = Originals
pub-proc-copies = Copies
pub-proc-required = Required
pub-proc-no-components = The catalogue lists no documents for this procedure.
pub-proc-forms = Forms
pub-proc-forms-text = The name of the form to fill in, if any, is in the "Form" column above. The portal has no form files to download yet; please ask the one-stop counter for the form.
pub-proc-fees = Fees and charges
pub-proc-fee-name = Fee or charge
pub-proc-fee-amount = Amount
pub-proc-fee-note = Note
pub-proc-no-fees = The catalogue lists no fee or charge for this procedure.
pub-proc-legal = Legal basis
pub-proc-issued = issued { $date }

# Online submission
pub-submit-title = Apply online
pub-submit-back = ← About the procedure
pub-submit-required-note = Fields marked * are required.
pub-submit-applicant = Applicant
pub-submit-id-number = Personal ID number / citizen ID
pub-submit-id-hint = Citizen ID (CCCD): 12 digits; old ID card (CMND): 9 digits; passport: 8–9 letters and digits.
pub-submit-phone = Phone number
pub-submit-phone-hint = The phone number or the ID number is required: the last 4 digits of either let you track the dossier.
pub-submit-email = Email
pub-submit-address = Contact address
pub-submit-unit = Receiving unit
pub-submit-unit-hint = By default, the agency that implements the procedure.
pub-submit-components = Documents
pub-submit-files-hint = Tick the documents you hand in and attach electronic copies: PDF, JPEG, PNG or DOCX files, at most { $file } MB each and { $total } MB in all.
pub-submit-files-count = At most { $n } files.
pub-submit-component-counts = Originals: { $originals } · Copies: { $copies }
pub-submit-component-form = Form: { $form }
pub-submit-file-for = Files for: { $name }
pub-submit-declaration = By pressing "Submit", you declare that the information given is true.
pub-submit-button = Submit
pub-submit-reselect-files = Browsers do not keep the files you chose: please choose the files again before sending.

# My dossiers
pub-my-title = My dossiers
pub-my-lead = See the dossiers you submitted: status, due date, progress and the files you sent.
pub-my-open-heading = Open a dossier
pub-my-open-label = Dossier code or number
pub-my-open-hint = The code printed on your receipt (e.g. H11.100-260304-0001); before reception, use the dossier number shown when you submitted it.
pub-my-open-button = Open
pub-my-none = You have not submitted any dossier online yet.
pub-my-col-code = Dossier code
pub-my-col-procedure = Procedure
pub-my-col-submitted = Submitted
pub-my-col-status = Status
pub-my-col-due = Result due
pub-my-find-procedure = Find a procedure to apply for
pub-my-back = ← My dossiers
pub-my-dossier-title = Dossier
pub-my-number = Dossier number
pub-my-no-code-yet = no code yet: the code is issued when the one-stop counter receives it
pub-my-supplement-requested = The agency asks you to add to or complete your dossier. The time limit is paused until you do.
pub-my-rate-invite = The result has been returned. Please take a minute to rate how your dossier was handled.
pub-my-rate-link = Rate
pub-my-facts = Where it stands
pub-my-components = Documents handed in
pub-my-files = Files sent
pub-my-no-files = No files attached.
pub-my-file-name = File
pub-my-file-component = Document
pub-my-file-size = Size
pub-my-file-at = Sent at

# Status look-up
pub-lookup-title = Track a dossier
pub-lookup-lead = Enter the dossier code printed on the receipt and the last 4 digits of the applicant's phone number or identity document number.
pub-lookup-code-hint = For example H11.100-260304-0001.
pub-lookup-check = Last 4 digits
pub-lookup-check-hint = Of the phone number or the ID card or passport number given with the dossier.
pub-lookup-button = Track
pub-lookup-result = Result
pub-lookup-applicant = Applicant
pub-lookup-masked-note = To protect personal data, the applicant's name is partly hidden and officers' notes are not shown.

# Rating (docs/sources.md#citizen-rating: 9 criteria, 2 points each, 18 in total)
pub-rating-title = Rate how your dossier was handled
pub-rating-lead = The result has been returned. Please choose a level for each criterion; your rating carries no personal data.
pub-rating-c1 = Total handling time compared with the time set by law
pub-rating-c2 = Time taken by each agency or unit involved (including cooperating units)
pub-rating-c3 = Number of times you had to contact the receiving office to complete the dossier (online included)
pub-rating-c4 = Number of agencies, units or organisations you had to contact to complete the dossier
pub-rating-c5 = Reception, handling and return of results at the one-stop counter
pub-rating-c6 = Publication of administrative procedures
pub-rating-c7 = Attitude of officials when guiding, receiving and handling the procedure
pub-rating-c8 = Taking in and answering feedback
pub-rating-c9 = Progress and quality of the online public service
pub-rating-level-2 = Satisfied
pub-rating-level-1 = Neutral
pub-rating-level-0 = Dissatisfied
pub-rating-points = { $n } points
pub-rating-points-one = { $n } point
pub-rating-comment = Other comments (optional)
pub-rating-comment-hint = At most 1,000 characters. Please do not write personal data.
pub-rating-submit = Send the rating
pub-rating-thanks = Thank you. Your rating has been recorded.
pub-rating-already = This dossier has already been rated. Each dossier is rated once.

# Feedback (PAKN)
pub-feedback-title = Feedback
pub-feedback-lead = Send feedback (phản ánh, kiến nghị) on administrative regulations and on how administrative procedures are handled to the agency concerned.
pub-feedback-contact = Phone number or email
pub-feedback-contact-hint = So that the agency can answer you. Never shown publicly.
pub-feedback-unit = Agency or unit concerned
pub-feedback-unit-none = Unknown / not sure
pub-feedback-dossier-code = Related dossier code (if any)
pub-feedback-dossier-code-hint = For example H11.100-260304-0001. May be left empty.
pub-feedback-subject = Subject
pub-feedback-content = Content
pub-feedback-content-hint = { $min } to { $max } characters: what happened, when, where, and what you propose.
pub-feedback-privacy = Your personal data is used only to handle and answer this feedback.
pub-feedback-send = Send feedback
pub-feedback-how-heading = Your right to give feedback
pub-feedback-right = Under Government Decree 20/2008/NĐ-CP on receiving and handling feedback and recommendations of individuals and organisations on administrative regulations, citizens and businesses have the right to give feedback and recommendations to state administrative agencies about administrative regulations.
pub-feedback-what = You may give feedback on:
pub-feedback-what-1 = delays, harassment, or failure to apply or wrong application of administrative regulations by agencies or officials;
pub-feedback-what-2 = administrative regulations that do not fit reality or are inconsistent, and how you propose to deal with them.
pub-feedback-not-complaint = Complaints and denunciations are settled under the law on complaints and denunciations, not through this form.
pub-feedback-received-title = Feedback received
pub-feedback-received-text = Your feedback has been recorded.
pub-feedback-reference = Reference number (please note it down):
pub-feedback-received-next = The agency concerned will consider it and answer you by the phone number or email you gave.
pub-feedback-another = Send other feedback

## My dossiers: slips, refusals
pub-my-no-code-closed = the dossier was not received, so it has no code
pub-my-supplement-before = The one-stop counter asks you to add to or complete your dossier before it can be received.
pub-my-refused = Your dossier was not received.
pub-my-refused-reason = Reason:
pub-my-slips = Slips of this dossier
pub-my-slips-hint = The slips the one-stop counter issued for this dossier: download them to read or print.
pub-my-slip-receipt = Receipt and appointment for the result (PDF)
pub-my-slip-supplement = Supplement request (PDF)
pub-my-slip-refusal = Refusal to receive the dossier (PDF)
pub-my-slip-apology = Apology and new date for the result (PDF)

## register and slips
pub-my-slip-handover = Hand-over of the result (PDF)

## forms, 404, language, my dossiers
pub-submit-choose-again = You had chosen: { $files }. The dossier was not sent, so the file was not kept: please choose it again.
pub-my-filter-label = Filter dossiers by status
pub-my-filter-all = All
pub-my-filter-in-progress = In progress
pub-my-filter-supplement = Needs supplement
pub-my-filter-done = Result ready
pub-my-filter-refused = Not received
pub-my-filter-ended = Withdrawn or stopped
pub-my-none-in-group = No dossier has this status.
pub-my-newest-first = The most recent dossier is at the top.
notice-rated = Thank you for rating how your dossier was handled.

## Signature verification (issue 12)
nav-verify = Check a signature
sig-verify-title = Check the digital signatures of a document
sig-verify-lead = Upload a signed PDF (the result of a procedure, an agency's document) to see who signed it, when, and whether it is unchanged since it was signed.
sig-verify-file = Signed PDF file
sig-verify-file-hint = At most { $max } MB. The file is not kept.
sig-verify-button = Check
sig-verify-result = Result of the check
sig-verify-signature = Signature { $n }
sig-verify-signer = Signed by
sig-verify-time = Signed at
sig-verify-timestamp = Time-stamp (proves the signature existed at)
sig-verify-issuer = Certificate issued by
sig-verify-serial = Certificate serial number
sig-verify-not-kept = The uploaded file is not kept. The signing time is the one written in the signature; only a time-stamp, where one is shown, is vouched for by a time-stamp authority.
sig-role-signer = the person with authority to sign
sig-role-agency = the agency's signature
sig-verdict-passed = Passed
sig-verdict-indeterminate = Indeterminate
sig-verdict-failed = Failed
sig-verdict-passed-explained = Every signature holds: the document is unchanged since it was signed, and each certificate comes from an authority this system trusts and is not revoked.
sig-verdict-indeterminate-explained = Nothing shows that the document was changed, but not everything needed to call the signatures valid could be checked. The reasons are below.
sig-verdict-failed-explained = A signature does not hold or the document was changed after it was signed: do not rely on this file as the original.
sig-finding-modified-after-signing = The document was changed after it was signed.
sig-finding-signature-invalid = The signature value does not verify, or the signature is damaged.
sig-finding-unknown-ca = The certificate does not come from an authority this system is configured to trust.
sig-finding-certificate-revoked = The certificate had been revoked before the signing time.
sig-finding-revoked-since-signing-no-timestamp = The certificate was revoked after the signing time the signature claims, and no timestamp proves that time.
sig-finding-certificate-expired = The certificate had expired at the signing time.
sig-finding-certificate-not-yet-valid = The certificate was not yet valid at the signing time.
sig-finding-expired-since-signing-no-timestamp = The certificate was valid at the claimed signing time but has expired since, and no timestamp proves when the document was signed.
sig-finding-revocation-unknown = No recent enough revocation list (CRL) of the issuing authority is configured, so whether the certificate was revoked is not known.
sig-finding-agency-before-signer = The agency's signature comes before the signer's; under Decree 30/2020/NĐ-CP the person with authority signs first and the agency after.
sig-finding-unsupported-algorithm = The signature uses an algorithm this system cannot check.
sig-finding-unsupported-subfilter = This signature format cannot be checked.
sig-finding-signing-time-missing = The signature does not state when it was made.
sig-finding-timestamp-invalid = The time-stamp attached to the signature is damaged or is not for this signature, so it proves no signing time.
sig-finding-timestamp-untrusted = The time-stamp attached to the signature does not come from a time-stamp authority this system is configured to trust, or that authority's certificate was not valid when it made the time-stamp.
sig-finding-expired-before-timestamp = The certificate had expired before the time in the time-stamp.
sig-finding-revoked-before-timestamp = The certificate had been revoked before the time in the time-stamp.

## Online supplement, online withdrawal and the procedure's form files (branch online)
notice-supplement-sent = Supplement sent. The one-stop counter will check the files; the time limit runs again once the supplement is accepted.
notice-dossier-withdrawn = The dossier was withdrawn. It will not be handled further.
pub-my-supplement-title = Send the supplement online
pub-my-supplement-lead = Send the papers asked for above. The one-stop counter checks them, then accepts the supplement or tells you what is still missing; the time limit runs again only once the supplement is accepted.
pub-my-supplement-files = Files
pub-my-supplement-note = A message for the one-stop counter (optional)
pub-my-supplement-send = Send the supplement
pub-my-supplement-arrived = Supplement sent; waiting for the one-stop counter to check it.
pub-my-supplement-arrived-at = Sent at { $at }. If something is missing you may send more files; the files already sent are kept.
pub-my-withdraw-title = Withdraw the dossier
pub-my-withdraw-lead = If you no longer want this dossier handled, you may withdraw it. Say why; a withdrawn dossier is not handled further.
pub-my-withdraw-reason = Reason for withdrawing
pub-my-withdraw-do = Withdraw…
pub-my-withdraw-effect = The dossier will end in the status "Withdrawn" and will not be handled further; the one-stop counter sees your reason. This cannot be undone: to try again you must submit a new dossier.
pub-my-supplement-hint = PDF, JPEG, PNG or DOCX files; at most { $file } MB each, { $total } MB in all.
pub-my-file-supplement = Supplement
pub-proc-forms-download = Download the forms, fill them in and hand them in with the dossier:

## Electronic results (issue 12)
pub-result-title = Electronic result
pub-result-hint = The result carries the digital signatures of the person with authority and of the agency; it has the value of the paper one. Each result has a public verification page.
pub-result-number = No.
pub-result-download = Download the result (PDF)
pub-result-verify = Verify the digital signatures
sig-issued-state = State
sig-issued-number = Number in the results register
sig-issued-unit = Issued by
sig-issued-at = Issued at
sig-issued-reason = Reason
sig-issued-note = The facts above are motcua's results register of the agency; below is the check of the digital signatures of the result file it keeps.
# The e-form (tờ khai điện tử) on the online submission page.
pub-eform-lead = Fill in the electronic form below instead of attaching a file; motcua prints it as a PDF that goes with the dossier.
pub-eform-choose = — Choose —
pub-eform-date-placeholder = dd/mm/yyyy
pub-eform-date-hint = Type it as day/month/year, e.g. 04/03/2026.

## Reusing kept documents
pub-reuse-hint = Documents digitised for you and results issued to you are kept: choose one to reuse instead of uploading a file.
pub-reuse-label = Or reuse a digitised document
pub-reuse-none = — No reuse, upload a file —
pub-reuse-kind-digitised = digitised copy
pub-reuse-kind-result = electronic result

## Feedback (PAKN): topic, consent, tracking, rating and published answers
pub-feedback-topic = What it is about
pub-feedback-topic-unsure = Not sure / let the agency classify it
pub-feedback-consent = I agree that the agency publishes its answer (without my name or contact details).
pub-feedback-track-keep = Keep the link below: only this link opens the page where you follow your feedback and rate its handling.
pub-feedback-track-open = Follow your feedback
pub-feedback-track-title = Feedback No. { $id }
pub-feedback-track-private = This page opens only with the private link you were given when sending.
pub-feedback-your-rating = Your rating:
pub-feedback-rate-question = Are you satisfied with how this feedback was handled?
pub-feedback-rate-send = Send the rating
pub-feedback-answers-title = Published answers to feedback
pub-feedback-answers-lead = Answers are published when their senders agree; names and contact details are never published.
pub-feedback-answers-empty = No answer has been published yet.
pub-feedback-answers-link = See the published answers
notice-feedback-rated = Thank you for your rating.
