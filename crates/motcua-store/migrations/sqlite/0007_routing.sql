-- Routing (issue 10): a workflow step names its unit relative to the
-- dossier (receiving, implementing, ancestor at a level, fixed), and each
-- dossier stores the units resolved for it when it was created.
-- Keep in step with ../postgres/0007_routing.sql.

-- The unit of each step of this dossier, in step order:
-- JSON [{"id": 17, "path": "/1/17/"}, ...] (motcua_rules::scope::UnitRef).
ALTER TABLE dossiers ADD COLUMN route TEXT NOT NULL DEFAULT '[]';

-- Existing procedure versions wrote every step with a fixed unit code and
-- no "unit" kind, which reads as "fixed"; their dossiers get those units.
UPDATE dossiers SET route = (
    SELECT json_group_array(json_object('id', u.id, 'path', u.path) ORDER BY CAST(s.key AS INTEGER))
    FROM procedure_versions v, json_each(v.data, '$.workflow') s
    JOIN units u ON u.code = json_extract(s.value, '$.unit_code')
    WHERE v.id = dossiers.procedure_version_id
);
