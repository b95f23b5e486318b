-- The counter of a unit: its telephone, printed on the slips, and its
-- working hours ("07:30-17:00"), which give the appointment on the slips;
-- NULL hours: the installation's default (MOTCUA_COUNTER_HOURS).
ALTER TABLE units ADD COLUMN phone TEXT;
ALTER TABLE units ADD COLUMN counter_hours TEXT;
