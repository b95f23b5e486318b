# Shared words of every page, in English.
app-name = One-stop e-service
app-title = Administrative procedures system
app-subtitle = One-stop counter · Online public services
skip-to-content = Skip to main content
switch-language = Tiếng Việt
nav-label = Main navigation
nav-catalog = Procedures
nav-lookup = Track a dossier
nav-my-dossiers = My dossiers
nav-feedback = Feedback
nav-feedback-inbox = Feedback
nav-intake = Intake
nav-online-queue = Online submissions
nav-inbox = Inbox
nav-search = Find a dossier
nav-data-views = Personal data views
nav-returns = Return results
nav-units = Units
nav-users = Users
nav-procedures = Procedures
nav-calendar = Holiday calendar
footer-text = motcua — open-source software for administrative procedure reform. Personal data is protected under Decree 13/2023/NĐ-CP.
login = Log in
logout = Log out
register = Create an account
register-prompt = No account yet? Create one
login-title = Log in
register-title = Create a citizen account
register-lead = An account lets you submit dossiers online and follow your dossiers.
username = Username
username-hint = 3–64 characters: ASCII letters, digits and . _ -
password = Password
password-hint = At least 8 characters.
full-name = Full name
error-title = That did not work
error-code = Error code
back-home = Back to the home page
back = Back
save = Save
cancel = Cancel
search = Search
filter = Filter
next-page = Next page
prev-page = Previous page
first-page = First page
page-of = Page { $page }
none-found = Nothing found.
required-mark = required
yes = Yes
no = No
role-admin = Administrator
role-counter_officer = Counter officer
role-specialist = Specialist
role-leader = Leader
role-citizen = Citizen
channel-counter = At the counter
channel-online = Online
channel-postal = By post
action-submit-online = Submitted online
action-receive-at-counter = Received at the counter
action-receive = Accept
action-refuse-to-receive = Refuse
action-forward = Forward to the next step
action-request-supplement = Request a supplement
action-supplement-received = Supplement received
action-request-payment = Request fee payment
action-record-payment = Record the payment
action-reschedule = Apologise and reschedule
action-withdraw = Withdraw
action-stop = Stop handling
action-finish = Finish with a result
action-return-result = Return the result
notice-logged-out = You have logged out.
notice-registered = Your account is ready and you are logged in.
event-submit-online = Submitted online
event-receive-at-counter = Received at the counter
event-receive = Accepted
event-refuse-to-receive = Refused
event-forward = Forwarded to the next step
event-request-supplement = Supplement requested
event-supplement-received = Supplement received
event-request-payment = Fee payment requested
event-record-payment = Fee paid
event-reschedule = Apology sent, new date given
event-withdraw = Withdrawn
event-stop = Handling stopped
event-finish = Result issued
event-return-result = Result returned
error-back-start = Back to my work

# Assignment and return (issue 10)
action-assign = Assign to an officer
action-return-to-step = Return to an earlier step
event-assign = Assigned to an officer
event-return-to-step = Returned to an earlier step

# The account page (/account)
acc-title = My account
acc-forced-title = Change your password before you go on
acc-forced-text = An administrator has reset this account's password. Type the temporary password you were given, then choose a new password of your own.
acc-password-title = Change password
acc-errors = { $count ->
    [one] The form has 1 error to fix:
   *[other] The form has { $count } errors to fix:
}
acc-current-password = Current password
acc-new-password = New password
acc-new-password-hint = 12 to 128 characters, spaces allowed; not a common password or your username. A few unrelated words together are easy to remember and safe.
acc-confirm-password = New password again
acc-password-effect = After the change, every other session of this account (other computers, phones) ends.
acc-password-button = Change password
acc-sessions-title = Sessions
acc-sessions-hint = Where this account is logged in. If you see a session you do not know, end it and change your password.
acc-session-device = Browser
acc-session-started = Started
acc-session-expires = Expires
acc-session-current = This session
acc-session-end = End session
acc-session-end-current = Log out
acc-device-unknown = Unknown
notice-password-changed = Password changed. Every other session has ended.
notice-session-ended = The session has ended.
due-provisional = provisional: this year's holidays have no official notice yet

## register and slips
nav-register = Register

## forms, 404, language, my dossiers
form-problems-count = { $n ->
    [1] 1 thing to correct:
   *[other] { $n } things to correct:
}
confirm-back = Go back without doing anything
confirm-question = Are you sure?
confirm-action = What will be done
confirm-note = Reason given
confirm-dossier-title = Confirm { $action }: dossier { $code }
confirm-effect-stop = The dossier will end as "Stopped" and the applicant is told the reason. This cannot be undone.
confirm-effect-withdraw = The dossier will end as "Withdrawn" and will not be handled further. This cannot be undone.
confirm-do = Yes: { $action }
confirm-lock-title = Confirm locking the account { $username }
confirm-effect-lock = The account is logged out at once and cannot log in until it is unlocked.
confirm-lock-do = Yes, lock the account
nf-title = Page not found
nf-explain = The address may be mistyped or out of date, or you may not be allowed to see this.
nf-where = You can:
nf-start-staff = Go to my work page
nf-start-citizen = Go to my dossiers
nf-home = Go to the home page and find a procedure
nf-lookup = Look up a dossier by its code
nf-login = Log in

## Online supplement, online withdrawal and the procedure's form files (branch online)
action-submit-supplement = Send the supplement online
event-submit-supplement = The citizen sent the supplement online

## Feedback (PAKN) handled to a deadline: words shared by the sender's and the office's pages
feedback-topic = Topic
feedback-topic-regulation = About an administrative regulation or procedure
feedback-topic-conduct = About an officer's conduct
feedback-topic-none = Not classified yet
feedback-stage-received = Being handled
feedback-stage-answered = Answered
feedback-stage-refused = Not handled (refused)
feedback-overdue = Overdue
feedback-received-at = Received
feedback-owner = Handled by
feedback-answer-by = Answer due by
feedback-answer = Answer
feedback-refusal-reason = Reason for not handling it
feedback-publication = Publication of the answer
feedback-published = Published
feedback-consented = The sender agrees to publication
feedback-history = History
feedback-rating-satisfied = Satisfied
feedback-rating-dissatisfied = Dissatisfied
feedback-event-forwarded = Forwarded
feedback-event-answered = Answered
feedback-event-refused = Refused
feedback-event-published = Answer published
feedback-event-rated = Rated by the sender
feedback-event-repeat = Marked as repeating an earlier feedback
