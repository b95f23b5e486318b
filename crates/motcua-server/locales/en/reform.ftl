# PAR INDEX and SIPAS: frameworks, campaigns, appraisal, surveys (issue #4).

role-reform_officer = Reform officer

## Navigation
rf-nav-campaigns = PAR INDEX
rf-nav-frameworks = Frameworks
rf-nav-sipas = SIPAS surveys

## Campaigns
rf-campaigns-title = Administrative reform index (PAR INDEX)
rf-campaigns-lead = Yearly PAR INDEX campaigns: units assess themselves, the reform office appraises, the ranking is published.
rf-campaigns-list = Campaigns
rf-campaigns-none = No campaign yet.
rf-campaign-add = Start a campaign
rf-campaign-add-button = Start the campaign
rf-campaign-name = Campaign name
rf-need-framework = A framework is needed before a campaign can start.
rf-framework = Framework
rf-year = Year
rf-status = Status
rf-deadline = Self-assessment deadline
rf-deadline-passed = passed
rf-period = Period of the figures
rf-period-to = To
rf-period-hint = Computed items (on-time and online dossiers) count the dossiers of this period.
rf-peer-units = Units evaluated
rf-peer-units-hint = Units are ranked only against peers of the same kind (departments, or communes and wards).
rf-status-draft = Being prepared
rf-status-open = Units assessing themselves
rf-status-appraising = Being appraised
rf-status-published = Published
rf-advance-open = Open for self-assessment
rf-advance-appraising = Close self-assessment and appraise
rf-advance-published = Publish the results
rf-fill = Fill computed figures and SIPAS results
rf-fill-hint = Computed items take motcua's dossier counts of the period; survey items take the year's SIPAS index. Figures motcua does not hold (online payment, digitisation, disbursement) are entered by the reform office.
rf-submitted-count = Self-assessments submitted
rf-unit = Unit
rf-submission = Self-assessment
rf-submitted = Submitted
rf-not-submitted = Not submitted
rf-late = After the deadline
rf-results-link = Results and ranking
rf-audit = Change log
rf-audit-hint = Every change of scores, status and evidence, who made it and when (scores before and after are in the API).
rf-audit-at = Time
rf-audit-action = Action
rf-audit-entity = Entity
rf-audit-actor = By

## A unit's sheet
rf-sheet-title = Score sheet
rf-self-hint = Score each item yourselves (not above its maximum, at most two decimals), add a note and evidence, then submit the self-assessment.
rf-appraise-hint = Appraise each item; an appraised score that differs from the unit's needs a reason, which the unit will see.
rf-item = Item
rf-max = Maximum
rf-method = Method
rf-method-self_assessed = Self-assessed, appraised
rf-method-survey = Survey
rf-method-computed = Computed from figures
rf-method-bonus = Bonus
rf-method-penalty = Penalty
rf-entered = Score or figures entered
rf-appraised = Appraised score
rf-self-score = Self-assessed score
rf-note = Note, explanation
rf-save = Save
rf-appraise = Appraise
rf-reason = Reason
rf-reason-hint = Reason (required when the score changes)
rf-numerator = Numerator
rf-denominator = Denominator
rf-sipas-percent = SIPAS index (%)
rf-points = Points
rf-self-index = Self-assessed score
rf-appraised-index = Appraised score
rf-report-link = The unit's report
rf-evidence-add = Evidence
rf-evidence-file = Evidence file
rf-evidence-hint = PDF, JPEG, PNG or Word (.docx), at most 10 MB; the type is checked from the contents.
rf-evidence-upload = Upload
rf-submit = Submit the self-assessment

## Results and report
rf-results-title = PAR INDEX results
rf-results-provisional = provisional, only units fully appraised
rf-compared-with = Compared with { $year }
rf-rank = Rank
rf-index = Index
rf-band = Classification
rf-rank-change = Change of rank
rf-rank-up = up { $n } places
rf-rank-down = down { $n } places
rf-rank-same = unchanged
rf-rank-of = { $rank } of { $count }
rf-area = Area
rf-area-short = A{ $code }
rf-areas = Areas
rf-worst-areas = Most points lost
rf-pending-units = Units without results yet
rf-download-xlsx = Download the ranking (Excel)
rf-download-csv = Download CSV
rf-chart-average-title = Average points per area of { $count } units
rf-chart-average-lead = Each bar is the average points of the units in the table against the area's maximum; under it the lowest unit, to see which areas the whole province is weak in and which unit to help first.
rf-chart-lowest = Lowest: { $points } ({ $unit })
rf-chart-adjustments-average = Bonus and penalty only; average { $points }
rf-chart-unit-title = Points per area
rf-chart-unit-lead = Each bar is the points obtained (as appraised, with the survey points) against the area's maximum; the empty part is what was lost.
rf-chart-peer-average = Average of { $count } units: { $points }
rf-chart-adjustments = Bonus and penalty: { $points }
rf-report-title = PAR INDEX report
rf-report-pending = No result yet:
rf-lost = Points lost
rf-points-change = Against last year
rf-losses = Areas where points were lost, the worst first

## Frameworks
rf-frameworks-title = PAR INDEX frameworks
rf-frameworks-lead = A framework holds areas, criteria and sub-criteria with maximum points, scoring guides and methods. Every edit is a new version; a campaign keeps the version it used.
rf-frameworks-list = Versions
rf-frameworks-none = No framework yet.
rf-code-version = Code, version
rf-level = Level
rf-level-ministry = Ministries
rf-level-province = Provinces
rf-level-department = Departments
rf-level-district = Districts (before 1 July 2025)
rf-level-commune = Communes and wards
rf-export = Download JSON
rf-edit-json = Edit as JSON
rf-framework-import = Import a framework (JSON)
rf-templates = Shipped templates:
rf-template-department = Departments
rf-template-commune = Communes
rf-framework-json = Framework as JSON
rf-framework-json-hint = A parent's maximum must equal the sum of its children's; the refusal names the place.
rf-framework-save = Save the version
rf-published-import = Import results published in earlier years (CSV)
rf-published-hint = Required columns: year, unit_code, unit_name, par_index, rank; add area:<code>:points to compare areas. Used for the change against last year.
rf-published-button = Import CSV

## SIPAS
rf-sipas-title = Satisfaction survey (SIPAS)
rf-sipas-lead = Survey designs per year, one-time survey links, paper forms, the satisfaction index and the sample size.
rf-designs = Survey designs
rf-designs-none = No survey design yet.
rf-questions-count = { $count } questions
rf-design-from-template = Create from the five-element template
rf-design-hint = The template has the five elements of public administrative service; questions marked "drafted" must be checked against the official form.
rf-planner = Sample size (Slovin's formula)
rf-planner-hint = n = N / (1 + N·e²): N is the unit's dossiers in the year, e the margin of error (5% by default).
rf-population = Population N
rf-population-or-unit = Or choose a unit and a year to use its dossiers received that year.
rf-margin = Margin (%)
rf-plan = Compute the sample
rf-plan-result = For N = { $population }, survey { $sample } people
rf-sipas-index = Satisfaction index
rf-show = Show
rf-respondents = { $count } forms answered
rf-sipas-overall = Overall index
rf-aggregation-note = Aggregation: mean of the questions within an element, then mean of the elements (the default; the official rule was not found; configurable).
rf-element = Element
rf-answers = Answers
rf-satisfied-share = Share satisfied
rf-per-question = Per question
rf-links = One-time survey links
rf-links-hint = Each link or its QR code can be answered once, without login, and asks nothing personal. QR codes show when the server knows its public address (MOTCUA_PUBLIC_URL).
rf-links-once = These links are shown this once; motcua keeps only their hashes.
rf-link-count = Number of links
rf-links-issue = Create links
rf-paper = Enter a paper form
rf-paper-hint = One form at a time; a question left empty was not answered.
rf-skipped = — Not answered —
rf-paper-save = Save the form

## Public survey
rf-survey-title = Satisfaction survey
rf-survey-lead = Your view of how { $unit } handled your administrative procedure in { $year }.
rf-survey-privacy = This form does not ask for or keep your name, phone number or any personal data. You may skip any question.
rf-survey-send = Send
rf-survey-thanks = Thank you for answering the survey.

## Notices after a form
notice-rf-campaign-created = The campaign was created.
notice-rf-status-changed = The campaign moved to its next step.
notice-rf-filled = Computed figures and SIPAS results were filled in.
notice-rf-saved = Saved.
notice-rf-submitted = The self-assessment was submitted.
notice-rf-evidence-added = The evidence was uploaded.
notice-rf-framework-saved = The framework version was saved.
notice-rf-published-imported = The published results were imported.
notice-rf-design-created = The survey design was created.
notice-rf-paper-saved = The paper form was saved.

## Per-dossier evaluations
rf-evaluations-title = Evaluations of each dossier
rf-evaluations-lead = Citizens score 9 criteria, at most 2 points each (18 in all), when they get their result; summarised per receiving unit or per officer who received the dossier.
rf-by-unit = By unit
rf-by-officer = By receiving officer
rf-officer = Officer
rf-evaluations-count = Dossiers evaluated
rf-mean-total = Mean score
rf-evaluation-bands-note = Classified by Thanh Hóa's bands (not checked against a national rule); the points of each rating level are an unconfirmed default.
rf-evaluations-none = No evaluation yet.

## sheet, audit, framework form, cards
rf-sheet-self-hint = Type the self-score of each item (at most its maximum, up to two decimals) and a note, then press Save once for the whole sheet. A blank row is a row not scored yet.
rf-sheet-appraise-hint = Type the appraised score of each item; only rows whose score differs from the unit's own need a reason (the unit will see it). A blank row is a row not appraised yet.
rf-sheet-save = Save sheet
rf-sheet-save-submit = Save and submit the self-assessment…
rf-sheet-agree = Agree with the unit's score on blank rows and save
rf-sheet-rows-refused = { $count } rows need fixing; no row was saved, and what you typed is still on the sheet.
rf-guide = Scoring guide
rf-unit-gave = the unit gave
rf-reason-when = (only when it differs from the self-score)
rf-draft-saved-at = Draft saved at { $time }
rf-draft-failed = The draft could not be saved; press Save sheet.
rf-draft-restored = Showing the draft kept at { $time }, not yet saved to the sheet. Press Save sheet to save it.
rf-draft-discard = Discard the draft
rf-evidence-save-first = Save the sheet before uploading evidence, so the scores just typed are not lost.
rf-submit-title = Submit the self-assessment
rf-back-to-sheet = Back to the score sheet
rf-not-submitted-yet = Not submitted.
rf-campaign = Campaign
rf-scored-items = Items self-scored
rf-submit-missing = { $count } items are not self-scored yet; score them all before submitting:
rf-submit-warning = Once submitted, the unit can no longer change its self-scores, notes or evidence; the reform office will appraise them. Do you want to submit?
rf-submit-confirm = Confirm and submit
rf-submit-cancel = Do not submit, back to the sheet
notice-rf-sheet-saved = The score sheet was saved.
notice-rf-sheet-unchanged = Nothing on the sheet had changed.
notice-rf-draft-discarded = The draft was discarded; the sheet shows the saved scores.
rf-index-col = PAR index (%)
rf-ranking-scroll-hint = Hover an area's name for its full name; on a narrow screen, swipe sideways inside the table to see every column.
rf-area-n = Area { $code }
