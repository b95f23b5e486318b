# Statistics dashboards and the public ranking (issue #5).
