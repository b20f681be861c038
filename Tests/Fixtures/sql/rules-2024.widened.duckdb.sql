-- The selection of a choucha draw (consistent-sampler-sha256-v2), duckdb dialect.
-- Plan year 2024, 40 tasks and rounds in plan order, seed hash 3927aa9330443e71e9b6e4eebd179abe15745b2a69ac5609e89f38a5f87c4a2b.
-- Input: table "targets" with the target directory's headings as columns, all text.
-- Output: the selection file (kind = directory | stratum | candidate), see the README.
WITH
params AS (
  SELECT '3927aa9330443e71e9b6e4eebd179abe15745b2a69ac5609e89f38a5f87c4a2b' AS seed_hash
),
-- The plan's tasks in plan order: rounds of a task of frequency N are T@1..T@N.
-- match_values: a joint task's industries (行业), a single task's object types (行业 or 标签).
tasks (plan_order, task, kind, match_values, has_ratios, count_n, abnormal_pm) AS (
  VALUES
    (1, '2024-J-YYYC-2024-03', 'joint', ['成品油零售'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (2, '2024-J-YYYC-2024-08@1', 'joint', ['建筑业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (3, '2024-J-YYYC-2024-08@2', 'joint', ['建筑业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (4, '2024-J-YYYC-2024-01@1', 'joint', ['餐饮业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (5, '2024-J-YYYC-2024-01@2', 'joint', ['餐饮业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (6, '2024-J-YYYC-2024-07', 'joint', ['娱乐业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (7, '2024-J-YYYC-2024-02', 'joint', ['住宿业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (8, '2024-J-YYYC-2024-05', 'joint', ['医疗服务'], TRUE, 10, CAST(NULL AS BIGINT)),
    (9, '2024-J-YYYC-2024-04', 'joint', ['校外培训'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (10, '2024-J-YYYC-2024-06', 'joint', ['零售业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (11, '2024-S-FGJ-01', 'single', ['政府投资项目'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (12, '2024-S-FGJ-02', 'single', ['企业投资项目'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (13, '2024-S-GAFJ-03', 'single', ['保安从业单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (14, '2024-S-JTJ-01', 'single', ['道路货物运输经营者'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (15, '2024-S-JTJ-02', 'single', ['机动车维修经营者'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (16, '2024-S-JYJ-02', 'single', ['民办学校'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (17, '2024-S-NYJ-01', 'single', ['农药经营者'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (18, '2024-S-NYJ-02', 'single', ['兽药经营企业'], FALSE, 5, CAST(NULL AS BIGINT)),
    (19, '2024-S-RSJ-01', 'single', ['用人单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (20, '2024-S-RSJ-02', 'single', ['经营性人力资源服务机构'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (21, '2024-S-SCJG-CP-01', 'single', ['工业产品生产企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (22, '2024-S-SCJG-DJ-01', 'single', ['企业', '个体工商户', '农民专业合作社'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (23, '2024-S-SCJG-DJ-02', 'single', ['企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (24, '2024-S-SCJG-GG-01', 'single', ['广告经营者', '广告发布者'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (25, '2024-S-SCJG-JL-02', 'single', ['集贸市场'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (26, '2024-S-SCJG-SP-01', 'single', ['食品生产企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (27, '2024-S-SCJG-SP-04', 'single', ['学校食堂'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (28, '2024-S-SCJG-TZ-01', 'single', ['特种设备使用单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (29, '2024-S-SCJG-YP-01', 'single', ['药品零售企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (30, '2024-S-SHWJ-02', 'single', ['纳税人'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (31, '2024-S-STHJ-01', 'single', ['排污单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (32, '2024-S-SWJ-02', 'single', ['居民服务业发卡企业'], FALSE, 5, CAST(NULL AS BIGINT)),
    (33, '2024-S-WJJ-03', 'single', ['存在职业病危害的用人单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (34, '2024-S-WJJ-04', 'single', ['二次供水单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (35, '2024-S-WLJ-02', 'single', ['互联网上网服务营业场所'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (36, '2024-S-WLJ-03', 'single', ['旅行社'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (37, '2024-S-XFJY-07@1', 'single', ['消防安全重点单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (38, '2024-S-XFJY-07@2', 'single', ['消防安全重点单位'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (39, '2024-S-YJJ-01', 'single', ['工贸企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)),
    (40, '2024-S-ZJJ-03', 'single', ['物业服务企业'], TRUE, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT))
),
-- Per task and class: the ratio in millionths (0: the class takes none).
ratios (task, class, per_million) AS (
  VALUES
    ('2024-J-YYYC-2024-03', 'A', 100000),
    ('2024-J-YYYC-2024-03', 'B', 100000),
    ('2024-J-YYYC-2024-03', 'C', 200000),
    ('2024-J-YYYC-2024-03', 'D', 300000),
    ('2024-J-YYYC-2024-08@1', 'A', 100000),
    ('2024-J-YYYC-2024-08@1', 'B', 200000),
    ('2024-J-YYYC-2024-08@1', 'C', 300000),
    ('2024-J-YYYC-2024-08@1', 'D', 500000),
    ('2024-J-YYYC-2024-08@2', 'A', 100000),
    ('2024-J-YYYC-2024-08@2', 'B', 200000),
    ('2024-J-YYYC-2024-08@2', 'C', 300000),
    ('2024-J-YYYC-2024-08@2', 'D', 500000),
    ('2024-J-YYYC-2024-01@1', 'A', 50000),
    ('2024-J-YYYC-2024-01@1', 'B', 50000),
    ('2024-J-YYYC-2024-01@1', 'C', 100000),
    ('2024-J-YYYC-2024-01@1', 'D', 200000),
    ('2024-J-YYYC-2024-01@2', 'A', 50000),
    ('2024-J-YYYC-2024-01@2', 'B', 50000),
    ('2024-J-YYYC-2024-01@2', 'C', 100000),
    ('2024-J-YYYC-2024-01@2', 'D', 200000),
    ('2024-J-YYYC-2024-07', 'A', 250000),
    ('2024-J-YYYC-2024-07', 'B', 250000),
    ('2024-J-YYYC-2024-07', 'C', 250000),
    ('2024-J-YYYC-2024-07', 'D', 300000),
    ('2024-J-YYYC-2024-02', 'A', 50000),
    ('2024-J-YYYC-2024-02', 'B', 50000),
    ('2024-J-YYYC-2024-02', 'C', 50000),
    ('2024-J-YYYC-2024-02', 'D', 50000),
    ('2024-J-YYYC-2024-05', 'A', 50000),
    ('2024-J-YYYC-2024-05', 'B', 100000),
    ('2024-J-YYYC-2024-05', 'C', 200000),
    ('2024-J-YYYC-2024-05', 'D', 300000),
    ('2024-J-YYYC-2024-04', 'A', 100000),
    ('2024-J-YYYC-2024-04', 'B', 150000),
    ('2024-J-YYYC-2024-04', 'C', 200000),
    ('2024-J-YYYC-2024-04', 'D', 300000),
    ('2024-J-YYYC-2024-06', 'A', 50000),
    ('2024-J-YYYC-2024-06', 'B', 50000),
    ('2024-J-YYYC-2024-06', 'C', 100000),
    ('2024-J-YYYC-2024-06', 'D', 200000),
    ('2024-S-FGJ-01', 'A', 100000),
    ('2024-S-FGJ-01', 'B', 100000),
    ('2024-S-FGJ-01', 'C', 100000),
    ('2024-S-FGJ-01', 'D', 100000),
    ('2024-S-FGJ-02', 'A', 50000),
    ('2024-S-FGJ-02', 'B', 50000),
    ('2024-S-FGJ-02', 'C', 50000),
    ('2024-S-FGJ-02', 'D', 50000),
    ('2024-S-GAFJ-03', 'A', 80000),
    ('2024-S-GAFJ-03', 'B', 80000),
    ('2024-S-GAFJ-03', 'C', 80000),
    ('2024-S-GAFJ-03', 'D', 80000),
    ('2024-S-JTJ-01', 'A', 50000),
    ('2024-S-JTJ-01', 'B', 50000),
    ('2024-S-JTJ-01', 'C', 50000),
    ('2024-S-JTJ-01', 'D', 50000),
    ('2024-S-JTJ-02', 'A', 50000),
    ('2024-S-JTJ-02', 'B', 50000),
    ('2024-S-JTJ-02', 'C', 50000),
    ('2024-S-JTJ-02', 'D', 50000),
    ('2024-S-JYJ-02', 'A', 100000),
    ('2024-S-JYJ-02', 'B', 100000),
    ('2024-S-JYJ-02', 'C', 100000),
    ('2024-S-JYJ-02', 'D', 100000),
    ('2024-S-NYJ-01', 'A', 100000),
    ('2024-S-NYJ-01', 'B', 100000),
    ('2024-S-NYJ-01', 'C', 100000),
    ('2024-S-NYJ-01', 'D', 100000),
    ('2024-S-RSJ-01', 'A', 30000),
    ('2024-S-RSJ-01', 'B', 30000),
    ('2024-S-RSJ-01', 'C', 30000),
    ('2024-S-RSJ-01', 'D', 30000),
    ('2024-S-RSJ-02', 'A', 100000),
    ('2024-S-RSJ-02', 'B', 100000),
    ('2024-S-RSJ-02', 'C', 100000),
    ('2024-S-RSJ-02', 'D', 100000),
    ('2024-S-SCJG-CP-01', 'A', 30000),
    ('2024-S-SCJG-CP-01', 'B', 30000),
    ('2024-S-SCJG-CP-01', 'C', 30000),
    ('2024-S-SCJG-CP-01', 'D', 30000),
    ('2024-S-SCJG-DJ-01', 'A', 30000),
    ('2024-S-SCJG-DJ-01', 'B', 30000),
    ('2024-S-SCJG-DJ-01', 'C', 30000),
    ('2024-S-SCJG-DJ-01', 'D', 30000),
    ('2024-S-SCJG-DJ-02', 'A', 5000),
    ('2024-S-SCJG-DJ-02', 'B', 5000),
    ('2024-S-SCJG-DJ-02', 'C', 5000),
    ('2024-S-SCJG-DJ-02', 'D', 5000),
    ('2024-S-SCJG-GG-01', 'A', 50000),
    ('2024-S-SCJG-GG-01', 'B', 50000),
    ('2024-S-SCJG-GG-01', 'C', 50000),
    ('2024-S-SCJG-GG-01', 'D', 50000),
    ('2024-S-SCJG-JL-02', 'A', 100000),
    ('2024-S-SCJG-JL-02', 'B', 100000),
    ('2024-S-SCJG-JL-02', 'C', 100000),
    ('2024-S-SCJG-JL-02', 'D', 100000),
    ('2024-S-SCJG-SP-01', 'A', 30000),
    ('2024-S-SCJG-SP-01', 'B', 40000),
    ('2024-S-SCJG-SP-01', 'C', 50000),
    ('2024-S-SCJG-SP-01', 'D', 60000),
    ('2024-S-SCJG-SP-04', 'A', 300000),
    ('2024-S-SCJG-SP-04', 'B', 500000),
    ('2024-S-SCJG-SP-04', 'C', 800000),
    ('2024-S-SCJG-SP-04', 'D', 1000000),
    ('2024-S-SCJG-TZ-01', 'A', 50000),
    ('2024-S-SCJG-TZ-01', 'B', 100000),
    ('2024-S-SCJG-TZ-01', 'C', 150000),
    ('2024-S-SCJG-TZ-01', 'D', 300000),
    ('2024-S-SCJG-YP-01', 'A', 50000),
    ('2024-S-SCJG-YP-01', 'B', 100000),
    ('2024-S-SCJG-YP-01', 'C', 200000),
    ('2024-S-SCJG-YP-01', 'D', 300000),
    ('2024-S-SHWJ-02', 'A', 10000),
    ('2024-S-SHWJ-02', 'B', 10000),
    ('2024-S-SHWJ-02', 'C', 10000),
    ('2024-S-SHWJ-02', 'D', 10000),
    ('2024-S-STHJ-01', 'A', 30000),
    ('2024-S-STHJ-01', 'B', 50000),
    ('2024-S-STHJ-01', 'C', 100000),
    ('2024-S-STHJ-01', 'D', 200000),
    ('2024-S-WJJ-03', 'A', 50000),
    ('2024-S-WJJ-03', 'B', 50000),
    ('2024-S-WJJ-03', 'C', 50000),
    ('2024-S-WJJ-03', 'D', 50000),
    ('2024-S-WJJ-04', 'A', 100000),
    ('2024-S-WJJ-04', 'B', 100000),
    ('2024-S-WJJ-04', 'C', 100000),
    ('2024-S-WJJ-04', 'D', 100000),
    ('2024-S-WLJ-02', 'A', 100000),
    ('2024-S-WLJ-02', 'B', 100000),
    ('2024-S-WLJ-02', 'C', 100000),
    ('2024-S-WLJ-02', 'D', 100000),
    ('2024-S-WLJ-03', 'A', 200000),
    ('2024-S-WLJ-03', 'B', 200000),
    ('2024-S-WLJ-03', 'C', 200000),
    ('2024-S-WLJ-03', 'D', 200000),
    ('2024-S-XFJY-07@1', 'A', 50000),
    ('2024-S-XFJY-07@1', 'B', 100000),
    ('2024-S-XFJY-07@1', 'C', 200000),
    ('2024-S-XFJY-07@1', 'D', 400000),
    ('2024-S-XFJY-07@2', 'A', 50000),
    ('2024-S-XFJY-07@2', 'B', 100000),
    ('2024-S-XFJY-07@2', 'C', 200000),
    ('2024-S-XFJY-07@2', 'D', 400000),
    ('2024-S-YJJ-01', 'A', 30000),
    ('2024-S-YJJ-01', 'B', 50000),
    ('2024-S-YJJ-01', 'C', 100000),
    ('2024-S-YJJ-01', 'D', 200000),
    ('2024-S-ZJJ-03', 'A', 50000),
    ('2024-S-ZJJ-03', 'B', 50000),
    ('2024-S-ZJJ-03', 'C', 50000),
    ('2024-S-ZJJ-03', 'D', 50000)
),
classes (class_order, class) AS (
  VALUES
    (1, 'A'),
    (2, 'B'),
    (3, 'C'),
    (4, 'D')
),
-- The directory as the draw reads it: a quoted CRLF or CR read as LF, cells trimmed of space,
-- tab, CR, LF and U+3000 (README rule 6 and 8); rows whose cells are all blank skipped.
cells AS (
  SELECT trim(replace(replace(coalesce("统一社会信用代码", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_code,
         trim(replace(replace(coalesce("名称", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_name,
         trim(replace(replace(coalesce("行业", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_industry,
         trim(replace(replace(coalesce("标签", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_tags,
         trim(replace(replace(coalesce("信用风险分类", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_class,
         trim(replace(replace(coalesce("经营异常", ''), chr(13) || chr(10), chr(10)), chr(13), chr(10)), ' ' || chr(9) || chr(13) || chr(10) || chr(12288)) AS c_abnormal
  FROM "targets"
),
directory AS (
  SELECT c_code AS code, c_name AS name, c_industry AS industry, c_tags AS tag_cell, c_class AS class,
         c_abnormal AS abnormal_cell,
         c_abnormal IN ('是', 'Y', 'y', '1', 'true') AS abnormal,
         -- README rule 8: the row's digest, SHA-256 of its content cells joined by U+001F.
         sha256(c_code || chr(31) || c_name || chr(31) || c_industry || chr(31) || c_tags || chr(31) || c_class || chr(31) || c_abnormal) AS row_digest
  FROM cells
  WHERE c_code <> '' OR c_name <> '' OR c_industry <> '' OR c_tags <> '' OR c_class <> '' OR c_abnormal <> ''
),
-- The population rule, asked once per distinct (行业, 标签) and task.
-- (行业, 标签) pairs and each tag of the pair.
kinds AS (
  SELECT DISTINCT industry, tag_cell FROM directory
),
kind_tags AS (
  SELECT industry, tag_cell, tag
  FROM (SELECT industry, tag_cell, unnest(string_split_regex(tag_cell, '[、，,；;/ 　]')) AS tag FROM kinds) AS split_tags
  WHERE tag <> ''
),
task_values AS (
  SELECT t.task, t.kind, unnest(t.match_values) AS match_value FROM tasks t
),
kind_tasks AS (
  SELECT DISTINCT industry, tag_cell, task
  FROM (SELECT k.industry, k.tag_cell, v.task
        FROM kinds k JOIN task_values v ON v.match_value = k.industry
        UNION ALL
        SELECT k.industry, k.tag_cell, v.task
        FROM kind_tags k JOIN task_values v ON v.match_value = k.tag AND v.kind = 'single') AS matched
),
-- Each task's members with their tickets: SHA-256(seed hash || task || '|' || code).
members AS (
  SELECT kt.task, dr.code, dr.name, dr.industry, dr.tag_cell, dr.class, dr.abnormal,
         sha256(p.seed_hash || kt.task || '|' || dr.code) AS digest
  FROM directory dr
  JOIN kind_tasks kt ON dr.industry = kt.industry AND dr.tag_cell = kt.tag_cell
  CROSS JOIN params p
),
-- The ticket's first 19 digits: h mod 10^19 from the eight 32-bit chunks, zero-padded, reversed.
keyed AS MATERIALIZED (
  SELECT m.task, m.code, m.name, m.industry, m.tag_cell, m.class, m.digest,
         CASE WHEN NOT t.has_ratios THEN '*'
              WHEN t.abnormal_pm IS NOT NULL AND m.abnormal THEN '异常'
              ELSE m.class END AS stratum,
         reverse(lpad(CAST((
           (('0x' || substr(digest, 1, 16))::UBIGINT >> 32)::HUGEINT * 572481103610249216::HUGEINT +
           (('0x' || substr(digest, 1, 16))::UBIGINT & 4294967295)::HUGEINT * 2355444464034512896::HUGEINT +
           (('0x' || substr(digest, 17, 16))::UBIGINT >> 32)::HUGEINT * 6283019655932542976::HUGEINT +
           (('0x' || substr(digest, 17, 16))::UBIGINT & 4294967295)::HUGEINT * 3374607431768211456::HUGEINT +
           (('0x' || substr(digest, 33, 16))::UBIGINT >> 32)::HUGEINT * 4264337593543950336::HUGEINT +
           (('0x' || substr(digest, 33, 16))::UBIGINT & 4294967295)::HUGEINT * 8446744073709551616::HUGEINT +
           (('0x' || substr(digest, 49, 16))::UBIGINT >> 32)::HUGEINT * 4294967296::HUGEINT +
           (('0x' || substr(digest, 49, 16))::UBIGINT & 4294967295)::HUGEINT * 1::HUGEINT
         ) % 10000000000000000000::HUGEINT AS VARCHAR), 19, '0')) AS ticket_key
  FROM members m JOIN tasks t ON t.task = m.task
),
-- Strata: the abnormal stratum (tasks with abnormal r and ratios), the classes, or '*' (the
-- whole population: a count alone, or the top-up of a task with ratios and a count).
stratified AS (
  SELECT task, stratum, code, class, ticket_key, digest, name, industry, tag_cell FROM keyed
  UNION ALL
  SELECT k.task, '*' AS stratum, k.code, k.class, k.ticket_key, k.digest, k.name, k.industry, k.tag_cell
  FROM keyed k JOIN tasks t ON t.task = k.task
  WHERE t.has_ratios AND t.count_n IS NOT NULL
),
-- Every stratum of every task, with zero members too, and its size.
-- (A count alone draws from the whole population; its classes are listed for their populations
-- only: drawn = FALSE, no candidates.)
strata_list AS (
  SELECT t.task, c.class AS stratum, c.class_order AS stratum_order, t.has_ratios AS drawn
  FROM tasks t CROSS JOIN classes c
  UNION ALL
  SELECT t.task, '异常', 1000, TRUE FROM tasks t WHERE t.has_ratios AND t.abnormal_pm IS NOT NULL
  UNION ALL
  SELECT t.task, '*', 2000, TRUE FROM tasks t WHERE t.count_n IS NOT NULL
),
populations AS (
  SELECT task, stratum, count(*) AS population FROM stratified GROUP BY task, stratum
  UNION ALL
  SELECT k.task, k.class, count(*) FROM keyed k JOIN tasks t ON t.task = k.task
  WHERE NOT t.has_ratios GROUP BY k.task, k.class
),
strata AS (
  SELECT s.task, s.stratum, s.stratum_order, s.drawn, t.plan_order, coalesce(p.population, 0) AS population,
         CASE WHEN NOT s.drawn THEN CAST(NULL AS BIGINT)
              WHEN s.stratum = '*' THEN least(t.count_n, coalesce(p.population, 0))
              ELSE (coalesce(CASE WHEN s.stratum = '异常' THEN t.abnormal_pm ELSE r.per_million END, 0) * coalesce(p.population, 0) + 999999) // (1000000)
         END AS sample_size
  FROM strata_list s
  JOIN tasks t ON t.task = s.task
  LEFT JOIN ratios r ON r.task = s.task AND r.class = s.stratum
  LEFT JOIN populations p ON p.task = s.task AND p.stratum = s.stratum
),
-- The most entities task u can select: its strata's sizes, or its count when that is more.
task_sizes AS (
  SELECT s.task, s.plan_order,
         CASE WHEN t.count_n IS NULL THEN sum(CASE WHEN s.stratum <> '*' THEN s.sample_size ELSE 0 END)
              WHEN NOT t.has_ratios THEN max(CASE WHEN s.stratum = '*' THEN s.sample_size ELSE 0 END)
              ELSE greatest(t.count_n, sum(CASE WHEN s.stratum <> '*' THEN coalesce(s.sample_size, 0) ELSE 0 END))
         END AS most_selected
  FROM strata s JOIN tasks t ON t.task = s.task
  WHERE s.drawn
  GROUP BY s.task, s.plan_order, t.count_n, t.has_ratios
),
-- Max-visits skips (README rule 5), bounded before the draw: an entity skipped in stratum (t, s)
-- was selected by at least `最多检查` = 2 earlier tasks, and an earlier task u selects at most
-- min(most_selected(u), |population(u) ∩ stratum(t, s)|) of the stratum's entities; so stratum (t, s)
-- skips at most skip_bound = ⌊Σ_u min(…) / 最多检查⌋, and its first sample_size + skip_bound
-- candidates always suffice. The overlaps are counted per distinct (行业, 标签, class, 经营异常).
kind_counts AS (
  SELECT industry, tag_cell, class, abnormal, count(*) AS entities
  FROM directory GROUP BY industry, tag_cell, class, abnormal
),
kind_strata AS (
  SELECT kc.industry, kc.tag_cell, kc.class, kc.abnormal, kc.entities, kt.task, t.plan_order,
         CASE WHEN NOT t.has_ratios THEN '*'
              WHEN t.abnormal_pm IS NOT NULL AND kc.abnormal THEN '异常'
              ELSE kc.class END AS stratum, FALSE AS top_up
  FROM kind_counts kc
  JOIN kind_tasks kt ON kt.industry = kc.industry AND kt.tag_cell = kc.tag_cell
  JOIN tasks t ON t.task = kt.task
  UNION ALL
  SELECT kc.industry, kc.tag_cell, kc.class, kc.abnormal, kc.entities, kt.task, t.plan_order, '*', TRUE
  FROM kind_counts kc
  JOIN kind_tasks kt ON kt.industry = kc.industry AND kt.tag_cell = kc.tag_cell
  JOIN tasks t ON t.task = kt.task
  WHERE t.has_ratios AND t.count_n IS NOT NULL
),
stratum_overlaps AS (
  SELECT later.task, later.stratum, earlier.task AS earlier_task, earlier.stratum AS earlier_stratum,
         sum(later.entities) AS shared
  FROM kind_strata later
  JOIN kind_strata earlier
    ON earlier.industry = later.industry AND earlier.tag_cell = later.tag_cell
   AND earlier.class = later.class AND earlier.abnormal = later.abnormal
   AND earlier.plan_order < later.plan_order
  GROUP BY later.task, later.stratum, earlier.task, earlier.stratum
),
-- Per earlier task u: at most min(size of u's stratum s', shared) from each of its strata (a
-- top-up '*' at most its count), and at most most_selected(u) in all.
earlier_selections AS (
  SELECT o.task, o.stratum, o.earlier_task,
         least(ts.most_selected, sum(least(coalesce(es.sample_size, 0), o.shared))) AS most_shared,
         -- expected: tickets are uniform, so u's stratum s' selects about size·shared/population of them
         sum(CAST(coalesce(es.sample_size, 0) AS DOUBLE) * o.shared / greatest(es.population, 1)) AS expected_shared
  FROM stratum_overlaps o
  JOIN strata es ON es.task = o.earlier_task AND es.stratum = o.earlier_stratum
  JOIN task_sizes ts ON ts.task = o.earlier_task
  GROUP BY o.task, o.stratum, o.earlier_task, ts.most_selected
),
skip_bounds AS (
  SELECT task, stratum, (sum(most_shared)) // (2) AS skip_bound,
         sum(expected_shared) / 2 AS expected_visited
  FROM earlier_selections
  GROUP BY task, stratum
),
-- The margin asked for: with a share f of the stratum already visited, about n·f/(1−f) skips come
-- before n are taken (f = expected earlier selections / population, at most 0.9); one and a half
-- times that, four standard deviations and 16, never more than skip_bound.
margins AS (
  SELECT task, stratum, skip_bound, sample_size * visited_share / (1 - visited_share) AS expected_skips
  FROM (SELECT s.task, s.stratum, s.sample_size, coalesce(b.skip_bound, 0) AS skip_bound,
               least(0.9, coalesce(b.expected_visited, 0) / greatest(s.population, 1)) AS visited_share
        FROM strata s LEFT JOIN skip_bounds b ON b.task = s.task AND b.stratum = s.stratum) AS shares
),
limited AS (
  SELECT s.task, s.stratum, s.stratum_order, s.plan_order, s.population, s.sample_size,
         CASE WHEN s.drawn THEN least(s.population, s.sample_size + b.skip_bound) ELSE 0 END AS candidate_limit,
         CASE WHEN s.drawn THEN least(s.population, s.sample_size + b.skip_bound) END AS sufficient_limit
  FROM strata s
  JOIN margins b ON b.task = s.task AND b.stratum = s.stratum
),
-- Candidates in ticket order (by key; rows tying with the last one taken are all kept).
ranked AS (
  SELECT st.task, st.stratum, st.code, st.class, st.ticket_key, st.digest, st.name, st.industry, st.tag_cell,
         rank() OVER (PARTITION BY st.task, st.stratum ORDER BY st.ticket_key) AS position
  FROM stratified st
),
candidates AS (
  SELECT r.*, l.plan_order, l.stratum_order
  FROM ranked r JOIN limited l ON l.task = r.task AND l.stratum = r.stratum
  WHERE r.position <= l.candidate_limit
),
-- What the draw refuses in a directory (E0102, E0101, E0602), so that choucha can refuse the
-- selection with the entity named: a duplicate code, a class the plan does not have, and (when a
-- task has an abnormal stratum) a 经营异常 that is neither yes nor no.
problems AS (
  SELECT 'duplicate' AS problem, code, CAST(count(*) AS VARCHAR) AS value
  FROM directory GROUP BY code HAVING count(*) > 1
  UNION ALL
  SELECT 'class', code, class FROM directory WHERE class NOT IN (SELECT class FROM classes)
  UNION ALL
  SELECT 'abnormal', code, abnormal_cell FROM directory
  WHERE FALSE AND abnormal_cell NOT IN ('是', 'Y', 'y', '1', 'true', '否', 'N', 'n', '0', 'false', '')
),
-- README rule 8, the content digest (sha256-bucketed-row-sha256-v2): the rows' digests in 256
-- buckets by their first byte (their first two hex digits); a bucket's digest is the SHA-256 of
-- its rows' digests sorted bytewise (an empty bucket's, the SHA-256 of nothing); the content
-- digest is the SHA-256 of the 256 bucket digests in bucket order. Each aggregate holds about
-- 1/256 of the rows' digests, and the buckets are computed in parallel.
digest_buckets AS (
  SELECT printf('%02x', i) AS bucket FROM range(256) AS t(i)
),
bucket_digests AS (
  SELECT substr(row_digest, 1, 2) AS bucket, count(*) AS bucket_rows,
         sha256(unhex(string_agg(row_digest, '' ORDER BY row_digest))) AS bucket_digest
  FROM directory GROUP BY substr(row_digest, 1, 2)
),
every_bucket AS (
  SELECT b.bucket, coalesce(d.bucket_rows, 0) AS bucket_rows,
         coalesce(d.bucket_digest, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') AS bucket_digest
  FROM digest_buckets b LEFT JOIN bucket_digests d ON d.bucket = b.bucket
),
content AS (
  SELECT CAST(sum(bucket_rows) AS BIGINT) AS data_rows,
         sha256(unhex(string_agg(bucket_digest, '' ORDER BY bucket))) AS content_digest
  FROM every_bucket
)
SELECT kind, task, stratum, position, code, class, ticket_key, digest, population, sample_size, candidate_limit,
       sufficient_limit, name, industry, tags
FROM (
  SELECT 0 AS part, 0 AS plan_order, 0 AS stratum_order, 'directory' AS kind, '3927aa9330443e71e9b6e4eebd179abe15745b2a69ac5609e89f38a5f87c4a2b' AS task,
         CAST('sha256-bucketed-row-sha256-v2' AS VARCHAR) AS stratum, CAST(NULL AS BIGINT) AS position,
         CAST('366064ae5ca6e5bb7241a8bbabf9636eb3a686d4ea612e0da5460d652e37f21c' AS VARCHAR) AS code, CAST('consistent-sampler-sha256-v2' AS VARCHAR) AS class,
         CAST(NULL AS VARCHAR) AS ticket_key, content_digest AS digest,
         data_rows AS population, CAST(NULL AS BIGINT) AS sample_size, CAST(NULL AS BIGINT) AS candidate_limit,
         CAST(NULL AS BIGINT) AS sufficient_limit, CAST(NULL AS VARCHAR) AS name,
         CAST(NULL AS VARCHAR) AS industry, CAST(NULL AS VARCHAR) AS tags
  FROM content
  UNION ALL
  SELECT 0, 0, 1, 'problem', problem, NULL, NULL, code, value, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM problems
  UNION ALL
  SELECT 1, plan_order, stratum_order, 'stratum', task, stratum, NULL, NULL, NULL, NULL, NULL,
         population, sample_size, candidate_limit, sufficient_limit, NULL, NULL, NULL
  FROM limited
  UNION ALL
  -- 名称, 行业 and the 标签 cell as the draw reads them (trimmed): what the documents carry and
  -- what choucha checks each candidate's membership of its task with. (An empty cell as NULL:
  -- every engine writes it as the empty CSV cell, where some would write "" for the empty text.)
  SELECT 2, plan_order, stratum_order, 'candidate', task, stratum, position, code, class, ticket_key, digest,
         NULL, NULL, NULL, NULL, nullif(name, ''), nullif(industry, ''), nullif(tag_cell, '')
  FROM candidates
) AS selection
ORDER BY plan_order, stratum_order, part, position, digest, code
