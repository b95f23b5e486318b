-- Routing (issue 10): a workflow step names its unit relative to the
-- dossier (receiving, implementing, ancestor at a level, fixed), and each
-- dossier stores the units resolved for it when it was created.
-- Keep in step with ../sqlite/0007_routing.sql.

-- The unit of each step of this dossier, in step order:
-- JSON [{"id": 17, "path": "/1/17/"}, ...] (motcua_rules::scope::UnitRef).
ALTER TABLE dossiers ADD COLUMN route TEXT NOT NULL DEFAULT '[]';

-- Existing procedure versions wrote every step with a fixed unit code and
-- no "unit" kind, which reads as "fixed"; their dossiers get those units.
UPDATE dossiers SET route = COALESCE((
    SELECT json_agg(json_build_object('id', u.id, 'path', u.path) ORDER BY s.ord)::text
    FROM procedure_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.data::jsonb -> 'workflow') WITH ORDINALITY AS s(step, ord)
    JOIN units u ON u.code = s.step ->> 'unit_code'
    WHERE v.id = dossiers.procedure_version_id
), '[]');
