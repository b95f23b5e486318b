# Excel and CSV reports: column headings of the periodic report (Biểu II.06a) and the 766 table.

## The top of every report
reports-unit = Reporting unit: { $unit }
reports-period = Reporting period: { $from } to { $to }
reports-generated = Exported: { $time }
reports-col-index = No.
reports-col-code = Unit code
reports-col-unit = Unit
reports-col-total = Total
reports-total = Total

## Form II.06a: dossiers handled and their results
reports-periodic-title = ADMINISTRATIVE PROCEDURES: DOSSIERS HANDLED AND RESULTS
reports-periodic-form = Form II.06a/VPCP/KSTT
reports-periodic-sheet = Form II.06a
reports-received = Dossiers to handle
reports-received-total = Total received
reports-received-online = Online
reports-csv-received-online = Received online
reports-received-direct = In person or by post
reports-csv-received-direct = Received in person or by post
reports-carried-over = Carried over from the previous period
reports-resolved = Dossiers resolved
reports-resolved-early = Early
reports-csv-resolved-early = Resolved early
reports-resolved-on-time = On time
reports-csv-resolved-on-time = Resolved on time
reports-resolved-late = Late
reports-csv-resolved-late = Resolved late
reports-in-process = Dossiers in process
reports-in-process-within = Within the time limit
reports-csv-in-process-within = In process within the time limit
reports-in-process-past-due = Past due
reports-csv-in-process-past-due = In process past due
reports-supplements = Supplement requests
reports-refused = Refused at reception
reports-withdrawn = Withdrawn
reports-stopped = Stopped
reports-returned = Results returned
reports-average-days = Average processing time (working days)

## Decision 766 index
reports-index766-title = SERVICE INDEX FOR CITIZENS AND BUSINESSES (DECISION 766/QĐ-TTg)
reports-index766-sheet = Index 766
reports-rank = Rank
reports-score-total = Total score
reports-score-max = Out of
reports-groups = Scores by group
reports-group-transparency = Transparency ({ $max })
reports-group-progress = Progress and results ({ $max })
reports-group-online-service = Online services ({ $max })
reports-group-online-payment = Online payment ({ $max })
reports-group-digitisation = Digitisation ({ $max })
reports-group-satisfaction = Satisfaction ({ $max })
reports-on-time-ratio = Dossiers resolved early or on time (%)
reports-note = Note
reports-provisional = Provisional

## PAR INDEX: the ranking of a campaign
reports-par-title = PAR INDEX RESULTS: { $campaign }
reports-par-title-provisional = PAR INDEX RESULTS (PROVISIONAL, ONLY UNITS FULLY APPRAISED): { $campaign }
reports-par-sheet = PAR INDEX
reports-par-areas = Points per area
reports-par-area = { $code }. { $name } ({ $max })
reports-par-area-no-max = { $code }. { $name }
reports-par-points = Total points (of { $max })
reports-par-index = PAR INDEX (%)
reports-par-band = Classification
reports-par-change-year = Against { $year }
reports-par-change = Against the year before
reports-par-rank-change = Places up (+) or down (−)
reports-par-index-change = Index up (+) or down (−)

## register and slips
reports-register-sheet = Register of dossiers
reports-register-number = No.
reports-register-code = Dossier code
reports-register-procedure = Procedure
reports-register-applicant = Applicant
reports-register-contact = Address, phone
reports-register-receipt = Received
reports-register-received = Date and time received
reports-register-due = Due date
reports-register-handed-over = Sent to the handling unit
reports-register-finished = Result ready
reports-register-return = Result returned
reports-register-returned = Date and time returned
reports-register-signed = Signature
reports-register-note = Note
