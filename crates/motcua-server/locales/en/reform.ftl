# PAR INDEX and SIPAS: frameworks, campaigns, appraisal, surveys (issue #4).
