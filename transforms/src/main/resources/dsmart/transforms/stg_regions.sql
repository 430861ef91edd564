-- Regions of the sales organisation, current version.
SELECT region_code, region_name
FROM raw.crm_regions
WHERE _op = 'U'
