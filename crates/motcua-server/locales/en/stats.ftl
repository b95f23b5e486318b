# Statistics dashboards and the public ranking (issue #5).

nav-stats = Statistics
nav-ranking = Unit ranking

stats-title = Statistics of dossier handling
stats-breadcrumb = Units above
stats-period = Reporting period
stats-show = Show
stats-figures = Main figures
stats-period-year = Year { $year }
stats-period-quarter = Quarter { $quarter } { $year }
stats-period-month = { $month }/{ $year }
stats-period-range = { $from } to { $to }
stats-percent = { $value }%
stats-rank-among = Rank { $rank } of { $of } units of the same level
stats-received = Dossiers to handle
stats-received-detail = Received online { $online }, at the counter or by post { $counter }; carried over { $carried }
stats-resolved = Handled
stats-resolved-detail = Early { $early }, on time { $on-time }, late { $late }
stats-in-process = In process
stats-in-process-detail = Within the due date { $within }, past it { $past-due } (at the end of the period)
stats-on-time-rate = On-time rate (indicator 2.1)
stats-progress-points = { $points }/20 progress points
stats-average-days = Average handling time
stats-average-days-detail = working days, supplement waits excluded
stats-other = Supplement requests
stats-other-detail = Refused { $refused }, withdrawn { $withdrawn }, results returned { $returned }
stats-early = Early
stats-on-time = On time
stats-late = Late
stats-trend-title = Dossiers handled per month
stats-trend-empty = No dossier was handled in this period
stats-index-title = Decision 766 service index (from motcua's own data)
stats-indicators-caption = The indicators motcua measures itself
stats-col-indicator = Indicator
stats-col-counts = Numerator / denominator
stats-col-ratio = Ratio
stats-col-points = Points
stats-col-note = Note
stats-group-transparency = Publicity and transparency
stats-group-progress = Progress and results of handling
stats-group-online-service = Online public services
stats-group-online-payment = Online payment
stats-group-digitisation = Dossier digitisation
stats-group-satisfaction = Satisfaction
stats-group-not-measured = Data held by the national portal
stats-indicator-tracking = Tracked only, no points
stats-indicator-estimated = Provisional: motcua's reading of "dissatisfied" (a rating under 9 of 18)
stats-indicator-provisional = Provisional: the score with no dossier is not confirmed
stats-index-note = The official scores are those the National Public Service Portal publishes. motcua computes the progress group itself (checked against the portal's formula), counts indicator 4.3 and estimates indicators 4.1, 4.2, 4.6 and 5.4; the rest of the index uses data motcua does not hold.
stats-children-title = Units below
stats-col-rank = Rank
stats-col-unit = Unit
stats-col-received = Received
stats-col-resolved = Handled
stats-col-late = Late
stats-col-past-due = Past due now
stats-col-on-time = On-time rate
stats-col-progress = Progress points (/20)
stats-procedures-title = By procedure
stats-col-procedure = Procedure
stats-col-field = Field
stats-col-in-process = In process
stats-col-average = Avg working days
stats-overdue-title = Dossiers past their due date
stats-overdue-none = No dossier is past its due date.
stats-due-on = due { $date }
stats-exports-title = Download reports
stats-export-periodic = Report on the handling of administrative procedures
stats-export-index = Decision 766 index table
stats-level-commune = Communes
stats-level-department = Departments

ranking-title = Ranking of units by dossier handling
ranking-level = Unit level
ranking-empty = There is no unit at this level yet.
ranking-col-on-time = Handled early or on time
ranking-note = Ranked by the progress score (indicator 2.1 of Decision 766/QĐ-TTg) computed from the dossiers in this system; units with equal scores share a rank. The official scores are published by the National Public Service Portal.

## Per-step timeliness (issue 10)
stats-steps-title = Per-step timeliness
stats-steps-lead = The processing steps each unit (including cooperating units) finished in the period, how many ended after the step's own deadline, and the average working days per step (without the time spent waiting for supplements).
stats-steps-none = No processing step ended in the period.
stats-steps-col-finished = Steps finished
stats-steps-col-late = Steps late
stats-steps-col-late-share = Late share
stats-steps-col-days = Average working days
stats-steps-unknown = { $n } steps from before per-step deadlines: not known

# Intake and handling (issue 10): figures credited to the receiving unit or to the handling unit.
stats-basis = Credit figures to
stats-basis-handling = Handling unit
stats-basis-intake = Receiving unit
stats-basis-handling-note = The figures, the 766 index and the ranks below are credited to the unit that handles the dossier (the procedure's implementing agency), wherever it was received.
stats-basis-intake-note = The figures, the 766 index and the ranks below are credited to the unit that received the dossier (its one-stop counter).
stats-both-title = Intake and handling
stats-both-caption = Dossiers received at this unit and dossiers this unit handles, in the period
stats-col-figure = Figure
stats-col-intake = Received here
stats-col-handling = Handled here
stats-carried-over = Carried over
stats-ratings = Citizens' ratings
stats-ratings-dissatisfied = Of which dissatisfied
stats-ratings-counts = { $dissatisfied } dissatisfied / { $rated } ratings
stats-no-data = No data
stats-rank-no-data = No data in the period: not ranked
ranking-no-data-note = A unit with no dossier in the period shows "No data" and is not ranked.

## forms, 404, language, my dossiers
stats-indicator-no-data = No data in this period
stats-indicator-estimated-e-result = Provisional: divided by the dossiers handled (which procedures need a paper result is the national database's, not motcua's)
stats-indicator-estimated-digitised = Provisional: dossiers with a file for every component and an electronic result, divided by the dossiers handled
stats-indicator-estimated-certified-copy = Provisional: the national portal publishes no definition; motcua divides the certified copies issued electronically by the certified-copy dossiers handled
stats-indicator-estimated-short = Provisional
stats-portal-groups = The national public service portal holds the data of all or some indicators of these groups, which motcua does not score: { $groups }.

## Feedback (PAKN) indicators 5.1-5.3
stats-indicator-estimated-petition = Provisional: "dissatisfied" is the sender's own rating (the national portal counts likes and dislikes)
