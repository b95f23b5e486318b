# Error messages by error code (English). Code `a_b` has message `error-a-b`.
# The variable `$case` picks the wording when one code is used in several places.
# See crates/motcua-rules/src/messages.rs.

error-action-not-allowed-in-status = Cannot { $action } a dossier whose status is "{ $status }"
error-already-answered = This feedback has already been answered
error-already-initialised = The database already has data
error-already-rated = This dossier has already been rated
error-bands-invalid =
    { $case ->
       *[empty] At least one band
        [label] A band needs a code and a label
        [order] Bands go from the highest to the lowest, with decreasing lower bounds
        [duplicate] Band code "{ $code }" is used twice
        [lowest] The lowest band must start at 0 (it starts at { $min })
    }
error-body-too-large =
    { $case ->
       *[other] The request body is too large
        [form] The submitted form is too large
        [file] The file is too large
    }
error-calendar-invalid = Invalid calendar data: { $why }
error-calendar-year-not-found = No calendar for { $year }
error-calendar-year-unknown = No working-day calendar (holidays) is known for the year { $year }
error-code-mismatch = The procedure code cannot change
error-components-incomplete =
    { $count ->
        [1] A required component is missing: { $name }
       *[other] Required components are missing: { $name }
    }
error-database-busy = The system is busy; please retry in a moment
error-dossier-date-out-of-range = The { $format } dossier code format cannot write the year { $year }.
error-dossier-not-found =
    { $case ->
       *[other] No such dossier
        [lookup] No dossier matches this code and these last 4 digits
    }
error-dossier-sequence-exhausted = Unit { $unit } has used all { $max } dossier codes of { $day }.
error-empty-file =
    { $case ->
       *[other] The file { $name } is empty
        [quoted] The file "{ $name }" is empty
    }
error-evaluation-criteria-count = Exactly { $count } criteria are scored ({ $given } given)
error-evaluation-level-unknown = Rating "{ $code }" is not on the scale
error-evaluation-points-invalid = Criterion { $criterion } is given { $points } points; at most { $max }
error-evaluation-scale-invalid =
    { $case ->
        [level] Each rating level needs a unique code and a label
        [empty] At least one rating level is needed
       *[points] A rating level is worth at most { $max } points
    }
error-feedback-not-found = No such feedback
error-forbidden = Your role is not allowed to do this
error-idempotency-key-reused = This Idempotency-Key was already used for a different request
error-index766-config-invalid =
    { $case ->
       *[band-min] A band's minimum must be between 0 and 100
        [band-order] Bands must be listed highest first, with decreasing minimums
        [band-name] A band needs a name in Vietnamese and in English
        [progress-when-empty] The score with no dossier received must be between 0 and 20
        [online-indicator] The online-service formula may only use the indicators 3.0–3.3
        [online-points] Points must be greater than 0
        [online-full-at] full_at must be above 0 and at most 1 (100%)
        [online-total] The terms add up to more than the online-service group's 12 points
    }
error-internal-error = Internal error; please try again later
error-invalid-boolean = "{ $name }" must be true or false
error-invalid-change = "change" must be updated, amended or abolished
error-invalid-channel =
    { $case ->
        [counter] A counter intake cannot be online
       *[other] "channel" must be counter, online or postal
    }
error-invalid-check = Enter exactly the last 4 digits
error-invalid-citizen-id = Invalid identity number: a citizen ID (CCCD) has 12 digits, an old ID card (CMND) 9 digits, a passport 8–9 letters and digits.
error-invalid-count =
    { $case ->
       *[other] The count must be at least 1
        [copies] The number of copies must be a number from 1 to { $max }
    }
error-invalid-credentials = Wrong username or password
error-invalid-cursor = Invalid page cursor
error-invalid-date =
    { $case ->
       *[other] "{ $name }" must be a date, YYYY-MM-DD
        [form] "{ $value }" is not a valid date (dd/mm/yyyy)
        [received] The date received is not valid
        [calendar-line] Line { $line }: "{ $value }" is not a date (write YYYY-MM-DD or dd/mm/yyyy, then the day's name)
        [plain] Invalid date
    }
error-invalid-datetime = "{ $field }" must be an RFC 3339 time, e.g. 2026-03-02T09:00:00+07:00
error-invalid-dossier-sequence = Dossier sequence numbers start at 1.
error-invalid-email = Invalid email address (e.g. name@example.vn).
error-invalid-field =
    { $case ->
        [body] The body has the wrong shape: { $what }
       *[other] The field "{ $field }" has the wrong type or value: { $what }
        [dossier-version] The dossier version is missing; reload the page
    }
error-invalid-idempotency-key = Idempotency-Key must have 1–128 characters
error-invalid-level = The level must be one of: { $levels }
error-invalid-name =
    { $case ->
        [letters] The name must contain letters.
        [chars] The name contains characters that are not allowed.
       *[other] The name must not be empty.
        [too-long] The name is longer than { $max } characters.
        [procedure] The procedure name must have 1 to { $max } characters
    }
error-invalid-number =
    { $case ->
       *[other] "{ $name }" must be a whole number from { $min } to { $max }
        [not-negative] "{ $value }" is not a whole number of zero or more
        [money] "{ $value }" is not an amount in đồng
        [time-limit] The time limit must be a whole number from 0 to 3650
    }
error-invalid-phone = Invalid phone number: a mobile number has 10 digits starting with 03, 05, 07, 08 or 09; a landline has 11 digits starting with 02 (+84 may replace the leading 0).
error-invalid-procedure-code = An administrative procedure code has the form d.dddddd (e.g. 1.004194).
error-invalid-role =
    { $case ->
        [staff] Only staff accounts are created here
        [choose] Choose a role from the list
       *[other] There is no role "{ $role }"
    }
error-invalid-score = The score of criterion { $criterion } must be between 0 and { $max }
error-invalid-status = There is no status "{ $status }"
error-invalid-text =
    { $case ->
       *[other] The text contains control characters that are not allowed.
        [one-line] The subject is one line
    }
error-invalid-time-unit =
    { $case ->
       *[other] "unit" must be working_days, working_hours, days or months
        [choose] Choose a time limit unit
    }
error-invalid-unit-code =
    { $case ->
        [empty] The unit code must not be empty.
        [too-long] The unit code is longer than { $max } characters.
       *[shape] A unit code is made of letters A–Z and digits, in parts separated by dots (e.g. H44.100, 000.00.04.G18).
    }
error-invalid-username = A username has 3–64 characters: ASCII letters, digits and . _ -
error-invalid-year = The year must be a number from 1900 to 2200
error-malformed-json = Malformed JSON at line { $line }, column { $column }
error-malformed-query = Malformed query string
error-negative-fee = A fee cannot be negative
error-not-found =
    { $case ->
       *[other] No such path
        [page] Page not found
    }
error-not-owner = Only the applicant who submitted the dossier may withdraw it
error-not-step-owner = The dossier is at a step that your role does not own
error-outside-unit-scope = The dossier is outside your unit
error-par-appraisal-reason-missing = The appraised score of item { $code } ({ $appraised }) differs from the self-assessed score ({ $own }): a reason is required
error-par-code-duplicate = Code "{ $code }" is already used at { $first }
error-par-code-invalid = Code "{ $code }" is invalid: 1–{ $max } characters of letters, digits, '.', '_', '-'
error-par-criterion-shape = Criterion { $code } needs either a method or sub-criteria, not both and not neither
error-par-csv-duplicate = Line { $line }: unit { $unit } for { $year } is already on line { $first }
error-par-csv-header =
    { $case ->
        [empty] The CSV is empty: a header row is required
        [repeat] Header: column { $col } ({ $name }) repeats column { $first }
       *[missing] The header lacks the required column "{ $name }"
    }
error-par-csv-syntax =
    { $case ->
        [closing-quote] Line { $line }, column { $col }: a closing quote must be followed by a comma or the end of the line
        [unclosed-quote] Line { $line }, column { $col }: a quoted field is never closed
       *[columns] Line { $line } has { $count } columns; the header has { $header }
    }
error-par-csv-value =
    { $case ->
       *[empty] Line { $line }, column { $col } ({ $header }): "{ $value }" must not be empty
        [year] Line { $line }, column { $col } ({ $header }): "{ $value }" is not a year within { $from }–{ $to }
        [percent] Line { $line }, column { $col } ({ $header }): "{ $value }" must be a number within 0–100 with at most two decimals
        [points] Line { $line }, column { $col } ({ $header }): "{ $value }" must be a number with at most two decimals
        [rank] Line { $line }, column { $col } ({ $header }): "{ $value }" must be a whole number from 1 up
    }
error-par-entry-duplicate = Item { $code } is scored twice
error-par-entry-kind = Item { $code } takes an entry of kind "{ $kind }"
error-par-entry-missing = The sheet has no entry for item { $code } ({ $name })
error-par-entry-unknown = The framework has no item with code "{ $code }"
error-par-framework-empty =
    { $case ->
       *[other] A framework needs at least one area
        [area] Area { $area } has no criteria
    }
error-par-framework-json = The framework is not valid JSON for a framework: { $error }
error-par-mapping-invalid =
    { $case ->
        [order] Steps go in ascending order of threshold, with points never decreasing
        [no-steps] A step rule needs at least one step
       *[threshold] The threshold { $value }% must be within 0–100%
        [step-points] A step's points ({ $points }) must be within 0 and the maximum { $max }
        [linear] A linear rule needs 0 <= zero_at ({ $zero_at }%) < full_at ({ $full_at }%) <= 100
    }
error-par-max-invalid =
    { $case ->
        [scale] The maximum of the scale must be above 0
        [adjustment] A bonus or penalty needs a maximum above 0
       *[item] A scored item needs a maximum above 0
    }
error-par-max-sum-mismatch =
    The maximum { $max } of { $case ->
        [criterion] criterion { $code }
        [area] area { $code }
       *[framework] the framework
    } differs from the sum of its children's maxima ({ $sum })
error-par-not-appraised = Item { $code } has not been appraised yet
error-par-percent-out-of-range = The satisfaction percentage { $percent }% must be within 0–100%
error-par-points-above-max =
    The { $what ->
        [self-score] self-assessed score
        [appraised] appraised score
        [survey] survey points
       *[adjustment] bonus or penalty
    } of item { $code } ({ $value }) is above its maximum { $max }
error-par-points-negative =
    The { $what ->
        [self-score] self-assessed score
        [appraised] appraised score
        [survey] survey points
       *[adjustment] bonus or penalty
    } of item { $code } ({ $value }) cannot be below zero
error-par-ratio-invalid = Item { $code }: the numerator ({ $numerator }) exceeds the denominator ({ $denominator })
error-password-too-short =
    { $case ->
        [admin] The administrator password needs at least { $min } characters
       *[other] The password needs at least { $min } characters
    }
error-phone-or-id-required = The applicant's phone or ID number is required (it protects the status look-up)
error-procedure-code-taken = A procedure with code { $code } already exists
error-procedure-not-found = There is no procedure with code { $code }
error-procedure-not-in-force = This procedure is not in force now
error-procedure-not-online =
    { $case ->
       *[other] This procedure has no online service; please apply at the one-stop counter
        [now] This procedure does not take online submissions now; please apply at the one-stop counter
    }
error-rating-not-allowed = A dossier can be rated only once its result has been returned
error-required =
    { $case ->
       *[other] This field is required.
        [user-unit] Choose the unit the person works in
        [step-name] The step needs a name
        [name] The name is required
        [unit-code] The unit code is required
        [parent-unit] A parent unit is required
        [new-due-date] The new due date is required
        [reason] A written reason is required to { $action }
        [field] The field "{ $field }" is required
        [parameter] The parameter "{ $name }" is required
        [record-version] The record's version is missing; reload the page
        [not-empty] This field must not be empty
        [version] The version is missing; reload the page
        [json-file] Choose a JSON file or paste the JSON
        [score] Please choose a level for criterion { $n }
        [supplement-reason] A written reason is required to request a supplement
        [supplement-items] List what the applicant must add or correct (one item per line)
    }
error-reschedule-not-later = The new date must be after the current due date
error-reschedule-not-working-day = The new date must be a working day
error-reschedule-only-once = The return date may be rescheduled only once, and it already was
error-reschedule-too-late = The apology and new date must be sent at least one working day before the due date
error-reschedule-without-due-date = The dossier has no due date yet
error-role-not-allowed =
    { $case ->
        [submit] Only citizens submit online; officers receive at the counter
       *[action] Your role may not { $action }
    }
error-sipas-code-duplicate = Code "{ $code }" is already used at { $first }
error-sipas-counts-mismatch =
    { $case ->
       *[other] The counts do not belong to this survey design
        [tallies] The two tallies belong to different survey designs
        [count] Counts are given for { $given } questions; the design has { $questions }
    }
error-sipas-design-empty =
    { $case ->
       *[other] A survey needs at least one element
        [element] Element { $element } has no question
    }
error-sipas-design-json = The survey design is not valid JSON for a design: { $error }
error-sipas-margin-invalid = The margin of error { $margin }% must be above 0 and below 100%
error-sipas-response-length = The form has { $answers } answers; the design has { $questions } questions
error-sipas-weights-invalid =
    { $case ->
       *[other] A weight must be a positive number
        [element] Element "{ $element }" is not in the design or is listed twice
        [missing] Element { $element } has no weight
    }
error-stale-version =
    { $case ->
        [dossier] Someone else acted on this dossier first; reload it and try again
       *[other] Someone else changed this record first; reload it and try again
    }
error-synonym-line-invalid =
    { $case ->
       *[one-phrase] Line { $line }: a synonym group needs at least two phrases, separated by commas
        [too-many-phrases] Line { $line }: a group has at most { $max } phrases
        [phrase-too-long] Line { $line }: each phrase has at most { $max } characters
        [no-words] Line { $line }: a phrase has no letter or digit
    }
error-synonym-list-too-long = The synonym list has at most { $max } groups
error-text-too-long =
    { $case ->
       *[other] The text is { $n } characters long; at most { $max } are allowed.
        [plain] The text is too long
    }
error-too-many-attempts =
    { $case ->
       *[other] Too many failed logins from here; try again in { $seconds } seconds
        [lookup] Too many wrong look-ups; try again in { $seconds } seconds
        [password] Too many wrong current passwords; try again in { $seconds } seconds
    }
error-unauthenticated = You need to log in
error-unit-code-taken = The unit code is already in use
error-unknown-action = There is no action "{ $action }"
error-unknown-component = The procedure has no component "{ $name }"
error-unknown-field = There is no field with code { $code }
error-unknown-procedure = There is no procedure with code { $code }
error-unknown-unit =
    { $case ->
       *[other] No such unit
        [parent] No such parent unit
        [id] There is no unit { $id }
        [code] There is no unit with code { $code }
        [parent-id] There is no parent unit { $id }
        [feedback] There is no such unit
    }
error-unreadable-body = Cannot read the body
error-unsupported-media-type = The body must be JSON (Content-Type: application/json)
error-user-unit = Staff must belong to a unit; citizens do not
error-username-taken = The username is already taken
error-workflow-empty = A workflow needs at least one processing step
error-workflow-shares-exceed-limit = The steps' shares add up to { $total }, more than the time limit of { $amount } { $unit }
error-workflow-step-role = A step is owned by a specialist, a leader or a counter officer
error-year-mismatch = The year in the body differs from the year in the path
error-cannot-change-self = You cannot deactivate, demote or move your own account; another administrator can
error-unit-not-found = There is no such unit, or it is outside your scope
error-user-not-found = No such user
error-contact-required = A phone number or an email address is needed to answer you
error-csrf-failed = The form has expired or was not sent from this site; reload the page and send it again
error-date-outside-year = Line { $line }: { $date } is not in { $year }
error-day-both-ways = { $date } is listed both as a day off and as a working day
error-file-not-found = No such file
error-file-too-large = The file "{ $name }" is larger than { $max } MB
error-file-type-not-allowed = The file "{ $name }" is not a PDF, JPEG, PNG or DOCX file (its contents are checked, not only its name)
error-form-already-sent = This form was already sent once. Check My dossiers before sending it again; to send a new dossier anyway, press Submit once more.
error-invalid-choice = Choose a { $what } from the list
error-invalid-dossier-code = The dossier code is not in the right form (e.g. H11.100-260304-0001); it may be left empty
error-period-invalid =
    { $case ->
       *[format] "{ $value }" is not a reporting period (write 2026, 2026-Q1 or 2026-03)
        [before-from] "To" must not be before "From"
        [too-long] A reporting period cannot be longer than 10 years
    }
error-invalid-filter =
    { $case ->
       *[date] Invalid date (year-month-day)
        [cursor] Invalid page link
        [channel] Invalid channel
        [status] No dossier waits in this status
        [period] "To" must not be before "From"
        [level] There is no ranking for the unit level "{ $value }" (commune or department)
        [basis] There is no figure basis "{ $value }" (handling: the handling unit, intake: the receiving unit)
    }
error-invalid-form =
    { $case ->
       *[other] The form is not valid: { $error }
        [upload] The uploaded form could not be read
    }
error-invalid-time =
    { $case ->
       *[received] The time is not valid (hh:mm)
        [value] "{ $value }" is not a valid time (hh:mm)
    }
error-method-not-allowed = This address only takes a submitted form; please go back to the previous page.
error-slip-not-available = This dossier has no such slip (its history has no matching step)
error-submission-too-large = The files together are larger than { $max } MB
error-text-too-short = The content needs at least { $min } characters to say what happened
error-too-many-files = At most { $max } files can be sent with one dossier
error-upload-failed = The form did not arrive complete; please send it again

## reform

error-reform-framework-not-found = No such framework in this province
error-reform-framework-version-taken = Framework "{ $code }" already has version { $version }; raise the version number (campaigns that used the old one keep it)
error-reform-campaign-not-found = No such evaluation campaign
error-reform-campaign-status = This cannot be done while the campaign is "{ $status }"
error-reform-unit-not-in-campaign = This unit is not in the campaign's peer group
error-reform-units-empty = Choose at least one unit to evaluate
error-reform-unit-outside-province = The unit (id { $id }) is not in the reform office's province
error-reform-already-submitted = The unit has submitted its self-assessment; it can no longer be changed
error-reform-self-incomplete = Item { $code } ({ $name }) is not scored; every item must be self-scored before submitting
error-reform-entry-office-only = Item { $code } is entered by the reform office (survey, computed figure, bonus, penalty), not self-scored by the unit
error-reform-entry-unit-only = Item { $code } is self-scored by the unit; the reform office appraises that score
error-reform-not-self-scored = The unit has not scored item { $code }, so it cannot be appraised yet
error-reform-period-invalid = The end of the evaluation period must not be before its start
error-reform-year-invalid = The evaluation year { $year } must be between 1990 and 2100
error-reform-csv-empty = The CSV file has no result rows
error-reform-deadline-invalid = The self-assessment deadline is not a valid date (year-month-day)
error-reform-evidence-not-found = No such evidence file
error-sipas-design-not-found = No such survey design
error-sipas-design-version-taken = The { $year } survey already has version { $version }; raise the version number
error-sipas-token-not-found = This survey link is wrong or no longer valid
error-sipas-token-used = The survey of this link has already been answered; each link is answered once
error-sipas-token-count = Create between 1 and { $max } survey links at a time
error-sipas-paper-count = Enter between 1 and { $max } paper forms at a time
error-sipas-answer-invalid = Question { $question }: "{ $value }" is not an answer level from 1 to 5
error-reform-points-invalid = "{ $value }" is not a score (a number with at most two decimals, e.g. 1.5)

# Administration scope

error-unit-outside-admin-scope = This unit is outside the units you administer; choose your own unit or one below it
error-procedure-outside-admin-scope = Procedure { $code } has an implementing agency or a workflow step outside the units you administer; only an administrator of a unit above may change it
error-user-outside-admin-scope = This account belongs to a unit outside the units you administer
error-province-admin-only = Only an administrator of the province (the root unit of the tree) may do this: { $case ->
    [calendar] the working-day calendar is shared by the whole province
    [reform-officer] creating or granting the reform officer role
    [synonyms] the catalogue search's synonym list is shared by the whole province
   *[other] this belongs to the province
}
error-reform-unit-outside-office = The unit (id { $id }) is not among the units of this reform officer's unit
error-reform-province-office-only = Only the province's reform office (a reform officer of the root unit) may do this: frameworks, published results and SIPAS designs are shared by the whole province

# Input hardening
error-forbidden-character = "{ $field }" contains the character NUL (U+0000), which cannot be stored
error-invalid-utf8 = "{ $field }" is not valid UTF-8 text
error-unsupported-charset = JSON must be sent as UTF-8 (charset "{ $charset }" is not accepted)
error-cross-site-request = A request signed in with the session cookie must come from this site: send the page's CSRF token in X-CSRF-Token, or JSON with this site's Origin
error-too-many-items = "{ $field }" may hold at most { $max } items
error-duplicate-item = "{ $field }" lists "{ $value }" more than once
error-malformed-request = The request is malformed (a path segment, query or body that cannot be read)

# Routing

error-step-unit-unresolved = Step { $step } ({ $name }) has no handling unit for this dossier: { $unit } is not inside any { $level } unit
error-step-unit-level-required = Choose the level of the unit that handles this step (for example commune, province)
error-receiver-not-allowed = { $unit } does not receive procedure { $code }; hand it in at a unit that receives it
error-step-unit-kind = The handling unit must be: the receiving unit, the implementing agency, the unit above at a level, or a fixed unit
error-step-unit-detail-unused =
    { $case ->
       *[fixed] A fixed unit is chosen, but this step does not use "one fixed unit"; change how the unit is chosen or clear the unit
        [ancestor] A level is chosen, but this step does not use "the unit above"; change how the unit is chosen or clear the level
    }

# Authentication hardening
error-password-too-long = The password may have at most { $max } characters
error-password-common = This password is on the list of common or leaked passwords; choose another (a few unrelated words are easy to remember)
error-password-is-username = The password must not be the username
error-server-busy = The server is busy checking other passwords; try again in { $seconds } seconds
error-too-many-registrations = Too many accounts were opened from this address today; try again tomorrow

# Assignment, return and bulk actions (issue 10)
error-assignee-inactive = The account to assign (assignee_id) is deactivated; choose an officer who is still active
error-assignee-other-unit = A dossier may be assigned only to an officer of the unit that handles the current step (assignee_id)
error-assignee-wrong-role = A dossier may be assigned only to a { $role } or a leader of the unit that handles the current step (assignee_id)
error-assignee-unchanged = The dossier is already assigned to this officer (assignee_id)
error-assignee-not-found = The officer to assign was not found (assignee_id)
error-return-step-not-found = The workflow has { $steps } steps; choose a step of the workflow (to_step)
error-return-step-not-earlier = A dossier may only be returned to a step before the current one (step { $current }); step { $step } is not earlier (to_step)
error-bulk-action-not-allowed = Bulk actions are only "forward to the next step" or "finish" (action)

# Staff search of dossiers (issue 11)
error-search-query-required = Type a dossier code, a name, a phone number or an identity (CCCD/CMND) number to search for (q)
error-search-query-too-long = The search is longer than { $max } characters (q)
error-search-query-unrecognised = The search was not recognised: type a dossier code (e.g. H11.100-260309-0001), a name, a phone number (10 or 11 digits) or an identity number: CCCD (12 digits), CMND (9 digits), passport (q)
error-search-range-invalid = The "from" date must be on or before the "to" date (from)
error-note-audience-fixed = The note of this action { $audience }; it cannot be changed (note_for)
error-note-audience-invalid = Who reads the note (note_for) must be "applicant" or "internal"
error-password-wrong = The current password is not correct (current_password)
error-password-unchanged = The new password must differ from the current one (new_password)
error-password-change-required = This account has a temporary password set by an administrator: change it first (/account/password)
error-session-not-found = Your account has no such session (it may have ended already)
error-password-mismatch = The two new passwords differ (confirm_password)

## register and slips
error-counter-hours-invalid = The counter's working hours "{ $value }" must be written as 07:30-17:00, opening before closing
error-register-timeliness-invalid = The on time/late filter (timeliness) takes only "on_time" or "late"

## Reform sheet drafts
error-reform-draft-too-large = The draft is too large (at most { $max } bytes)
error-sipas-base-url-invalid = The public address "{ $value }" is not valid: write it as https://domain or http://domain:port (base)

## Signature verification (issue 12)
error-not-pdf = The file is not a PDF (its contents are checked, not only its name)
error-pdf-unreadable = The PDF cannot be read: it is damaged or not a valid PDF
error-pdf-encrypted = The PDF is encrypted (password-protected): please send it unencrypted
error-no-signatures = The PDF has no digital signature
error-file-required = Please choose a file

## Online supplement, online withdrawal and the procedure's form files (branch online)
error-no-file = Choose at least one file to send
error-form-type-not-allowed = The file "{ $name }" is not a PDF, DOC, DOCX, XLS or XLSX file (its contents are checked, not only the end of its name)
error-procedure-form-not-found = The procedure has no such form
error-procedure-form-name-taken = The procedure already has a form named "{ $name }"; choose another name
error-too-many-forms = A procedure carries at most { $max } form files; remove an old one first

## Electronic results (issue 12)
error-reason-required = Please give the reason (reason)
error-result-already-issued = The dossier's result has already been issued
error-result-not-issuer = Only a leader of the unit that issued the result may do this
error-result-wrong-status = A result is prepared only while the dossier is being handled (its status is { $status })
error-result-already-signed = The result has already been signed
error-result-not-found = The dossier has no such result
error-result-signer-not-leader = Only a leader signs the result
error-result-not-signed = The prepared result must be signed by the leader before it is issued (result)
error-result-not-issued = Only an issued result can be revoked
error-result-title-required = Give the result's title, e.g. "Giấy khai sinh" (title)
error-result-changed = The result changed while you were working: reload the dossier and try again
error-agency-key-missing = The unit { $unit } has no agency signing key configured, so it cannot issue electronic results; ask the administrator
error-timestamp-unavailable = The time-stamp authority could not be reached, so the document was not signed; nothing has changed, please try again later
error-remote-signing-unavailable = No remote signing provider is configured; sign with the signing plugin instead
error-signing-pending = A signature for this result is already waiting for confirmation
error-remote-unknown-user = The remote signing provider has no account for you: register your certificate with the provider first
error-remote-refused = The signature was refused in the signing app
error-remote-expired = The signature was not confirmed in the signing app in time; ask again
error-upload-not-served-document = The signed file is not the document that was given to sign (file)
error-duplicate-signature = This signed file has already been received (file)
error-no-new-signature = The file carries no new signature (file)
error-signature-invalid = The new signature in the file is not valid (file)
error-signature-indeterminate = The new signature cannot be confirmed: its certificate is not from a trusted authority, or its revocation cannot be checked (file)
# Electronic forms (tờ khai điện tử): the administrator's definition.
error-eform-label-required = Enter the name (title) in Vietnamese
error-eform-component-required = Choose the dossier component the e-form fills in
error-eform-component-unknown = The procedure has no dossier component "{ $name }"
error-eform-no-fields = An e-form needs at least one field
error-eform-kind-invalid = Choose the kind of field from the list
error-eform-too-many-fields = An e-form has at most { $max } fields
error-eform-key-required = Enter the field's key
error-eform-key-invalid = A field key is lower-case ASCII letters, digits and underscores, starting with a letter, at most { $max } characters
error-eform-key-taken = The key "{ $key }" is already used by another field
error-eform-max-length-invalid = The maximum length must be from 1 to { $max } characters
error-eform-option-repeated = The option "{ $option }" is repeated
error-eform-too-many-options = A choice has at most { $max } options
error-eform-options-required = A choice needs at least two options, one per line
error-eform-not-found = The procedure has no e-form yet
error-eform-not-offered = This procedure has no e-form to fill in
# Electronic forms: the citizen's values.
error-eform-unknown-field = The form has no field "{ $key }"
error-eform-required = { $label }: this is required
error-eform-too-long = { $label }: { $n } characters, at most { $max }
error-eform-not-a-date = { $label }: not a valid date; type it as day/month/year, e.g. 04/03/2026
error-eform-not-a-number = { $label }: enter a whole number, e.g. 3
error-eform-not-an-option = { $label }: choose one of the options given
error-eform-not-yes-no = { $label }: only "yes" or "no"

## Digitised components and their reuse
error-digitise-not-allowed = Only a counter officer, specialist or leader of the unit that received the dossier or of the unit it is at may digitise its components
error-digitise-wrong-status = Only a received dossier that was not refused, withdrawn or stopped can be digitised (its status is { $status })
error-holder-id-missing = The dossier has no identity number (CCCD) of its applicant, so the digitised copy cannot be kept for them (applicant.id_number)
error-reuse-component-unknown = The procedure has no component "{ $component }" to reuse a digitised document for (reuse)
error-reuse-component-twice = The component "{ $component }" reuses one document only (reuse)
error-kept-document-not-found = This digitised document is not among the applicant's kept documents, or it was withdrawn (reuse)
error-digitise-not-pdf = Only a PDF can be digitised; scan the component to PDF (file)
error-already-digitised = This file was digitised already; its copy is among the applicant's kept documents (file)

# Feedback (PAKN) handled to a deadline (docs/feedback.md)
error-feedback-topic-invalid = The feedback's topic must be "about a regulation or procedure" or "about an officer's conduct" (topic)
error-feedback-topic-required = Classify the feedback (about a regulation or procedure, or about an officer's conduct) before answering or refusing it (topic)
error-feedback-rating-invalid = Choose "Satisfied" or "Dissatisfied" (rating)
error-feedback-already-handled = This feedback has already been answered or refused; it can no longer be forwarded, answered or refused
error-feedback-not-answered = This feedback has not been answered yet
error-feedback-no-consent = The sender did not agree to publish the answer
error-feedback-already-published = The answer is already published
error-feedback-already-rated = You have already rated the handling of this feedback
error-feedback-same-unit = The feedback is already at this unit; choose another unit to forward it to (to_unit)
error-feedback-repeat-invalid = The feedback it repeats must be the number of a feedback received earlier (repeat_of)
## Notifications and escalation
error-escalation-hours-invalid = The number of working hours must be from 1 to { $max }
error-escalation-rule-not-found = There is no such escalation rule
error-notify-unknown-variable = The template uses the variable "{ $name }", which this kind of notice does not have
error-notify-template-syntax = The template has a brace that is not closed or a variable with no name; write a variable as {"{"}dossier_code{"}"}
error-notify-channel-unknown = Choose how to be notified from the list: e-mail, SMS or Zalo
error-notify-address-required = The chosen way of being notified needs an e-mail address or a phone number
error-notify-channel-not-configured = This channel is not configured on the system; the notice is kept but not sent
error-notify-no-address = There is no e-mail address or phone number to send to
error-smtp-unreachable = The mail server (SMTP) could not be reached; it will be tried again
error-smtp-temporary = The mail server refused for now; it will be tried again
error-smtp-refused = The mail server refused this message
error-smtp-bad-address = The e-mail address is not valid
error-gateway-unreachable = The message gateway could not be reached; it will be tried again
error-gateway-http-status = The message gateway answered with an error; it will be tried again
error-gateway-refused = The message gateway refused this message
error-gateway-bad-answer = The message gateway's answer does not follow its protocol
error-zalo-refused = Zalo refused this ZNS message (template, phone number or access token)
## Fees, online payment and electronic receipts
error-exemption-code-invalid = An exemption needs a short code of at most 40 characters
error-exemption-code-twice = The exemption code "{ $code }" is used twice on this fee
error-exemption-percent-invalid = An exemption takes off between 1 and 100 percent of the fee
error-unknown-exemption = No fee collected at this stage has the exemption "{ $code }"
error-fee-stage-paid = The fees of this stage ({ $stage }) are paid already
error-no-fee-due = Nothing is due at this stage ({ $stage }): no fee, or every fee exempt
error-dossier-closed = The dossier is closed ({ $status }): no payment can be recorded for it
error-payment-not-requested = No payment is asked of this dossier now (it was paid already, or never requested)
error-payment-amount-mismatch = The amount paid ({ $paid } VND) is not the amount requested ({ $requested } VND)
error-payment-algorithm-unknown = Unknown signing algorithm "{ $algorithm }"; use hmac-sha256 or hmac-sha512
error-payment-config-invalid = The payment platform's configuration is incomplete or invalid
error-payment-signature-invalid = The payment platform's message is not correctly signed
error-payment-merchant-unknown = The payment platform's message is for another system
error-payment-field-invalid = The payment platform's message has an invalid value
error-payment-field-missing = The payment platform's message lacks a field
error-payment-unknown-reference = No payment request has this reference
error-payment-not-configured = Online payment is not available; pay at the counter
error-statement-malformed = The statement is not in the expected format (line { $line })
error-statement-too-large = The statement has more than { $max } lines
error-statement-duplicate = The statement lists one transaction twice (line { $line })
error-payment-method-invalid = The payment method must be cash or transfer
error-receipt-not-found = No such receipt
error-exemption-line-invalid = Write one exemption a line as: code; name; percent
## Dossier sync to the national public service portal (docs/portal-sync.md)
error-portal-required = A required field of the sync record is missing
error-portal-bad-format = The field is not in the portal's format (a code, a yyyyMMddHHmmss time, a number)
error-portal-bad-value = The value is not in the portal's code list
error-portal-too-long = The field is longer than the portal allows
error-portal-date-order = The reception date is before the submission date
error-portal-rejected = The national public service portal refused the record
error-portal-bad-answer = The portal's answer is not what the protocol says; it will be retried
error-portal-unreachable = The portal cannot be reached (network, timeout or server error); it will be retried
error-portal-auth-failed = The portal refused the connection's account; check the username and password
error-portal-session-expired = The portal session has expired
error-portal-url-invalid = The portal's address must start with http:// or https://
error-portal-no-code = The dossier has no code (it was never received), so it is not sent to the portal
error-portal-import-not-json = The file is not JSON
error-portal-import-empty = The file holds no procedure
## The edXML exchange format of QCVN 102 (docs/exchange.md)
error-edxml-malformed = The message is not well-formed UTF-8 XML
error-edxml-namespace = The message is not an edXML message: its root must be edXML in the namespace { $namespace }
error-edxml-required = A required element of the message is missing or empty
error-edxml-too-long = The element is longer than { $max } characters
error-edxml-bad-date = The date is not in the format { $format }
error-edxml-bad-value = The value is not in the element's code list
error-edxml-bad-base64 = The attachment's content is not valid base64
error-edxml-organ-id = “{ $value }” is not an agency identifier (four groups like 000.00.04.G18)
error-edxml-no-recipient = The message names no recipient
error-edxml-duplicate-recipient = The recipient { $organ } is named twice
error-edxml-duplicate-attachment = Two attachments have the same content id
error-edxml-due-before-date = The due date is before the document's date
error-edxml-secret = A secret-marked document is not sent or received through document exchange
error-edxml-reason-required = A refusal must say why

## Official documents (outgoing and incoming; docs/documents.md)
error-document-direction-invalid = The register must be incoming (den) or outgoing (di)
error-document-series-invalid = The agency keeps no such register
error-document-type-invalid = Choose a document type from the list
error-document-issuer-invalid = The issuer's notation is upper-case letters and digits in groups joined by hyphens (e.g. UBND or UBND-VP), at most 20 characters
error-document-act-not-allowed = The document's state does not allow this ({ $state })
error-document-act-forbidden = Your role or unit may not do this to the document
error-document-action-invalid = Unknown action on a document
error-document-lead-required = Choose the lead unit
error-document-cooperating-invalid = Cooperating units must differ from the lead unit and be chosen once each
error-document-deadline-invalid = The deadline must be 1 to { $max } working days
error-document-not-found = The document does not exist, or you may not see it
error-document-changed = Someone else has just changed the document; reload the page and try again
error-document-recipient-invalid = Recipients must be other units of this system, each once
error-document-recipients-required = Choose at least one recipient unit or name a recipient outside the system
error-document-date-invalid = The document date is invalid or after the arrival
error-document-unit-invalid = The lead and cooperating units must be in the receiving agency's province
error-document-exchange-off = This system is not connected to the document exchange: documents cannot be sent to outside agencies, nor answers to their senders
error-exchange-unknown-recipient = The recipient agency is not in this system's directory of agency identifiers
error-exchange-agency-name-invalid = The agency's name is required, at most { $max } characters
error-exchange-agency-taken = This identifier or unit is already in the directory
error-publication-decision-date-required = Enter the publication decision's date before the legal basis' effective date or the day it was made public
error-publication-public-before-decision = The day made public on the national database cannot be before the publication decision's date ({ $decided })
error-portal-score-out-of-range = A score must be between 0 and { $max } ({ $value } entered)
error-portal-score-groups-mismatch = The groups' scores ({ $sum }) do not match the total { $total }
error-portal-score-period-invalid = The period "{ $value }" is not valid: enter a month (2026-03), a quarter (2026-Q1) or a year (2026)
error-portal-score-outside-scope = The unit { $code } is outside your scope
error-portal-scores-count = Between 1 and { $max } score lines are needed
error-portal-scores-csv-invalid = Line { $line } of the CSV is not right: { $case ->
    [columns] it needs 3 to 9 columns (unit code, period, total, then each group's score)
   *[number] a cell is not a number
}
