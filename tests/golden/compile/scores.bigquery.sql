-- leadsla <version> compile --dialect bigquery --what scores
-- as of 2026-11-20T12:00:00-03:00; columns: id, fit, grade, engagement, score, qualification, reason, funnel_stage
WITH `leadsla_zone` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<yr INT64, o0 INT64, a0 INT64, w1 INT64, o1 INT64, a1 INT64, w2 INT64, o2 INT64, a2 INT64, w3 INT64, o3 INT64, a3 INT64>>[(1914, -11188, -1000000000000, -1767225600, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL),
  (1915, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1916, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1917, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1918, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1919, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1920, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1921, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1922, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1923, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1924, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1925, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1926, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1927, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1928, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1929, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1930, -10800, -1767214412, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1931, -10800, -1767214412, -1206968400, -7200, -1206957600, NULL, NULL, NULL, NULL, NULL, NULL),
  (1932, -7200, -1206957600, -1191369600, -10800, -1191362400, -1175385600, -7200, -1175374800, NULL, NULL, NULL),
  (1933, -7200, -1175374800, -1159833600, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL),
  (1934, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1935, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1936, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1937, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1938, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1939, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1940, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1941, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1942, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1943, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1944, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1945, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1946, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1947, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1948, -10800, -1159826400, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1949, -10800, -1159826400, -633830400, -7200, -633819600, NULL, NULL, NULL, NULL, NULL, NULL),
  (1950, -7200, -633819600, -622076400, -10800, -622069200, -602294400, -7200, -602283600, NULL, NULL, NULL),
  (1951, -7200, -602283600, -591840000, -10800, -591832800, -570758400, -7200, -570747600, NULL, NULL, NULL),
  (1952, -7200, -570747600, -560217600, -10800, -560210400, -539136000, -7200, -539125200, NULL, NULL, NULL),
  (1953, -7200, -539125200, -531360000, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL),
  (1954, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1955, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1956, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1957, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1958, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1959, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1960, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1961, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1962, -10800, -531352800, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1963, -10800, -531352800, -195436800, -7200, -195426000, NULL, NULL, NULL, NULL, NULL, NULL),
  (1964, -7200, -195426000, -184204800, -10800, -184197600, NULL, NULL, NULL, NULL, NULL, NULL),
  (1965, -10800, -184197600, -155174400, -7200, -155163600, -150076800, -10800, -150069600, -128908800, -7200, -128898000),
  (1966, -7200, -128898000, -121132800, -10800, -121125600, -99964800, -7200, -99954000, NULL, NULL, NULL),
  (1967, -7200, -99954000, -89596800, -10800, -89589600, -68428800, -7200, -68418000, NULL, NULL, NULL),
  (1968, -7200, -68418000, -57974400, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL),
  (1969, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1970, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1971, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1972, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1973, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1974, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1975, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1976, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1977, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1978, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1979, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1980, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1981, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1982, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1983, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1984, -10800, -57967200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (1985, -10800, -57967200, 499737600, -7200, 499748400, NULL, NULL, NULL, NULL, NULL, NULL),
  (1986, -7200, 499748400, 511228800, -10800, 511236000, 530582400, -7200, 530593200, NULL, NULL, NULL),
  (1987, -7200, 530593200, 540259200, -10800, 540266400, 562118400, -7200, 562129200, NULL, NULL, NULL),
  (1988, -7200, 562129200, 571190400, -10800, 571197600, 592963200, -7200, 592974000, NULL, NULL, NULL),
  (1989, -7200, 592974000, 602035200, -10800, 602042400, 624412800, -7200, 624423600, NULL, NULL, NULL),
  (1990, -7200, 624423600, 634694400, -10800, 634701600, 656467200, -7200, 656478000, NULL, NULL, NULL),
  (1991, -7200, 656478000, 666748800, -10800, 666756000, 687916800, -7200, 687927600, NULL, NULL, NULL),
  (1992, -7200, 687927600, 697593600, -10800, 697600800, 719971200, -7200, 719982000, NULL, NULL, NULL),
  (1993, -7200, 719982000, 728438400, -10800, 728445600, 750816000, -7200, 750826800, NULL, NULL, NULL),
  (1994, -7200, 750826800, 761702400, -10800, 761709600, 782265600, -7200, 782276400, NULL, NULL, NULL),
  (1995, -7200, 782276400, 793152000, -10800, 793159200, 813715200, -7200, 813726000, NULL, NULL, NULL),
  (1996, -7200, 813726000, 823996800, -10800, 824004000, 844560000, -7200, 844570800, NULL, NULL, NULL),
  (1997, -7200, 844570800, 856051200, -10800, 856058400, 876096000, -7200, 876106800, NULL, NULL, NULL),
  (1998, -7200, 876106800, 888710400, -10800, 888717600, 908064000, -7200, 908074800, NULL, NULL, NULL),
  (1999, -7200, 908074800, 919555200, -10800, 919562400, 938908800, -7200, 938919600, NULL, NULL, NULL),
  (2000, -7200, 938919600, 951609600, -10800, 951616800, 970963200, -7200, 970974000, NULL, NULL, NULL),
  (2001, -7200, 970974000, 982454400, -10800, 982461600, 1003017600, -7200, 1003028400, NULL, NULL, NULL),
  (2002, -7200, 1003028400, 1013904000, -10800, 1013911200, 1036281600, -7200, 1036292400, NULL, NULL, NULL),
  (2003, -7200, 1036292400, 1045353600, -10800, 1045360800, 1066521600, -7200, 1066532400, NULL, NULL, NULL),
  (2004, -7200, 1066532400, 1076803200, -10800, 1076810400, 1099353600, -7200, 1099364400, NULL, NULL, NULL),
  (2005, -7200, 1099364400, 1108857600, -10800, 1108864800, 1129420800, -7200, 1129431600, NULL, NULL, NULL),
  (2006, -7200, 1129431600, 1140307200, -10800, 1140314400, 1162684800, -7200, 1162695600, NULL, NULL, NULL),
  (2007, -7200, 1162695600, 1172361600, -10800, 1172368800, 1192320000, -7200, 1192330800, NULL, NULL, NULL),
  (2008, -7200, 1192330800, 1203206400, -10800, 1203213600, 1224374400, -7200, 1224385200, NULL, NULL, NULL),
  (2009, -7200, 1224385200, 1234656000, -10800, 1234663200, 1255824000, -7200, 1255834800, NULL, NULL, NULL),
  (2010, -7200, 1255834800, 1266710400, -10800, 1266717600, 1287273600, -7200, 1287284400, NULL, NULL, NULL),
  (2011, -7200, 1287284400, 1298160000, -10800, 1298167200, 1318723200, -7200, 1318734000, NULL, NULL, NULL),
  (2012, -7200, 1318734000, 1330214400, -10800, 1330221600, 1350777600, -7200, 1350788400, NULL, NULL, NULL),
  (2013, -7200, 1350788400, 1361059200, -10800, 1361066400, 1382227200, -7200, 1382238000, NULL, NULL, NULL),
  (2014, -7200, 1382238000, 1392508800, -10800, 1392516000, 1413676800, -7200, 1413687600, NULL, NULL, NULL),
  (2015, -7200, 1413687600, 1424563200, -10800, 1424570400, 1445126400, -7200, 1445137200, NULL, NULL, NULL),
  (2016, -7200, 1445137200, 1456012800, -10800, 1456020000, 1476576000, -7200, 1476586800, NULL, NULL, NULL),
  (2017, -7200, 1476586800, 1487462400, -10800, 1487469600, 1508025600, -7200, 1508036400, NULL, NULL, NULL),
  (2018, -7200, 1508036400, 1518912000, -10800, 1518919200, 1541289600, -7200, 1541300400, NULL, NULL, NULL),
  (2019, -7200, 1541300400, 1550361600, -10800, 1550368800, NULL, NULL, NULL, NULL, NULL, NULL)])
)
SELECT
  *
FROM (
  SELECT
    `_lead` AS `id`,
    `f20` AS `fit`,
    `f23` AS `grade`,
    `f21` AS `engagement`,
    `f22` AS `score`,
    `f24` AS `qualification`,
    `reason` AS `reason`,
    `f25` AS `funnel_stage`
  FROM (
    SELECT
      *,
      CASE
        WHEN NOT `reason` IS NULL
        THEN 'disqualified'
        WHEN COALESCE(LOWER(`f23`) = 'a' OR LOWER(`f23`) = 'b', FALSE) AND COALESCE(`f21` >= 25.0e0, FALSE)
        THEN 'mql'
        ELSE 'not_qualified'
      END AS `f24`
    FROM (
      SELECT
        *,
        CASE
          WHEN COALESCE(RIGHT(LOWER(`f14`), 19) = '@concorrente.com.br', FALSE)
          THEN 'competitor'
          WHEN COALESCE(REGEXP_CONTAINS(LOWER(`f11`), 'student|estudante|estagi'), FALSE)
          THEN 'student'
        END AS `reason`
      FROM (
        SELECT
          *,
          CASE WHEN `f20` >= 50.0e0 THEN 'A' WHEN `f20` >= 30.0e0 THEN 'B' WHEN `f20` >= 15.0e0 THEN 'C' ELSE 'D' END AS `f23`,
          (
            `f20` + `f21`
          ) AS `f22`
        FROM (
          SELECT
            *,
            (
              (
                (
                  `_fit_0` + `_fit_1`
                ) + `_fit_2`
              ) + `_fit_3`
            ) AS `f20`,
            (
              LEAST(COALESCE((
                (
                  (
                    `_eng_0` + `_eng_1`
                  ) + `_eng_2`
                ) + `_eng_3`
              ), 100.0e0), 100.0e0) * CASE
                WHEN `f1` IS NULL
                THEN 1.0e0
                ELSE POWER(0.5e0, (
                  (
                    1795186800.0e0 - `f1`
                  ) / 2592000.0e0
                ))
              END
            ) AS `f21`,
            CASE
              WHEN `f1` IS NULL
              THEN 1.0e0
              ELSE POWER(0.5e0, (
                (
                  1795186800.0e0 - `f1`
                ) / 2592000.0e0
              ))
            END AS `_decay`,
            LEAST(COALESCE((
              (
                (
                  `_eng_0` + `_eng_1`
                ) + `_eng_2`
              ) + `_eng_3`
            ), 100.0e0), 100.0e0) AS `_engagement_raw`
          FROM (
            SELECT
              *,
              CASE
                WHEN COALESCE(
                  REGEXP_CONTAINS(
                    LOWER(`f11`),
                    '(?:head|diretora?|director|vp|ceo|cmo|cto|cfo|coo|founder|fundador|s[óo]ci[oa]|propriet[áa]ri[oa]|presidente|gerente|manager|coordenador)'
                  ),
                  FALSE
                )
                THEN 25.0e0
                ELSE 0.0e0
              END AS `_fit_0`,
              CASE WHEN COALESCE(`f12` BETWEEN 50.0e0 AND 1000.0e0, FALSE) THEN 20.0e0 ELSE 0.0e0 END AS `_fit_1`,
              CASE
                WHEN COALESCE(
                  LOWER(`f13`) = 'saas'
                  OR LOWER(`f13`) = 'software'
                  OR LOWER(`f13`) = 'tecnologia'
                  OR LOWER(`f13`) = 'ti'
                  OR LOWER(`f13`) = 'tecnologia da informação',
                  FALSE
                )
                THEN 15.0e0
                ELSE 0.0e0
              END AS `_fit_2`,
              CASE
                WHEN COALESCE(
                  REGEXP_CONTAINS(
                    LOWER(`f14`),
                    '(?:@gmail\\.com|@hotmail\\.com|@outlook\\.com|@live\\.com|@yahoo\\.com\\.br|@uol\\.com\\.br|@bol\\.com\\.br|@terra\\.com\\.br|@icloud\\.com)$'
                  ),
                  FALSE
                )
                THEN -15.0e0
                ELSE 0.0e0
              END AS `_fit_3`,
              GREATEST(-10.0e0, COALESCE(LEAST(10.0e0, COALESCE((
                2.0e0 * COALESCE(`f0`, 0.0e0)
              ), 10.0e0)), -10.0e0)) AS `_eng_0`,
              CASE WHEN COALESCE(`f15` >= 1.0e0, FALSE) THEN 15.0e0 ELSE 0.0e0 END AS `_eng_1`,
              CASE WHEN COALESCE(`f16` = TRUE, FALSE) THEN 40.0e0 ELSE 0.0e0 END AS `_eng_2`,
              CASE WHEN COALESCE(LOWER(`f17`) = 'indicação', FALSE) THEN 10.0e0 ELSE 0.0e0 END AS `_eng_3`
            FROM (
              SELECT
                *,
                CASE
                  WHEN `f9` = `_latest`
                  THEN 'recycled'
                  WHEN `f8` = `_latest`
                  THEN 'lost'
                  WHEN `f7` = `_latest`
                  THEN 'customer'
                  WHEN `f6` = `_latest`
                  THEN 'opportunity'
                  WHEN `f5` = `_latest`
                  THEN 'sql'
                  WHEN `f4` = `_latest`
                  THEN 'mql'
                  WHEN `f3` = `_latest`
                  THEN 'lead'
                END AS `f25`
              FROM (
                SELECT
                  *,
                  GREATEST(
                    COALESCE(`f3`, `f4`, `f5`, `f6`, `f7`, `f8`, `f9`),
                    COALESCE(`f4`, `f3`, `f5`, `f6`, `f7`, `f8`, `f9`),
                    COALESCE(`f5`, `f3`, `f4`, `f6`, `f7`, `f8`, `f9`),
                    COALESCE(`f6`, `f3`, `f4`, `f5`, `f7`, `f8`, `f9`),
                    COALESCE(`f7`, `f3`, `f4`, `f5`, `f6`, `f8`, `f9`),
                    COALESCE(`f8`, `f3`, `f4`, `f5`, `f6`, `f7`, `f9`),
                    COALESCE(`f9`, `f3`, `f4`, `f5`, `f6`, `f7`, `f8`)
                  ) AS `_latest`
                FROM (
                  SELECT
                    CAST(NULL AS INT64) AS `_row`,
                    `_id` AS `_lead`,
                    `f0`,
                    CASE WHEN `f1` <= 1795186800.0e0 THEN `f1` END AS `f1`,
                    `f2`,
                    CASE WHEN `f3` <= 1795186800.0e0 THEN `f3` END AS `f3`,
                    CASE WHEN `f4` <= 1795186800.0e0 THEN `f4` END AS `f4`,
                    CASE WHEN `f5` <= 1795186800.0e0 THEN `f5` END AS `f5`,
                    CASE WHEN `f6` <= 1795186800.0e0 THEN `f6` END AS `f6`,
                    CASE WHEN `f7` <= 1795186800.0e0 THEN `f7` END AS `f7`,
                    CASE WHEN `f8` <= 1795186800.0e0 THEN `f8` END AS `f8`,
                    CASE WHEN `f9` <= 1795186800.0e0 THEN `f9` END AS `f9`,
                    `f10`,
                    `f11`,
                    `f12`,
                    `f13`,
                    `f14`,
                    `f15`,
                    `f16`,
                    `f17`,
                    `f18`,
                    `f19`
                  FROM (
                    SELECT
                      `_id`,
                      `v0` AS `f0`,
                      CASE WHEN `t1` >= -2209039200 AND `t1` < 4102488000 THEN `t1` END AS `f1`,
                      `v2` AS `f2`,
                      CASE WHEN `t3` >= -2209039200 AND `t3` < 4102488000 THEN `t3` END AS `f3`,
                      CASE WHEN `t4` >= -2209039200 AND `t4` < 4102488000 THEN `t4` END AS `f4`,
                      CASE WHEN `t5` >= -2209039200 AND `t5` < 4102488000 THEN `t5` END AS `f5`,
                      CASE WHEN `t6` >= -2209039200 AND `t6` < 4102488000 THEN `t6` END AS `f6`,
                      CASE WHEN `t7` >= -2209039200 AND `t7` < 4102488000 THEN `t7` END AS `f7`,
                      CASE WHEN `t8` >= -2209039200 AND `t8` < 4102488000 THEN `t8` END AS `f8`,
                      CASE WHEN `t9` >= -2209039200 AND `t9` < 4102488000 THEN `t9` END AS `f9`,
                      `v10` AS `f10`,
                      `v11` AS `f11`,
                      `v12` AS `f12`,
                      `v13` AS `f13`,
                      `v14` AS `f14`,
                      `v15` AS `f15`,
                      `v16` AS `f16`,
                      `v17` AS `f17`,
                      `v18` AS `f18`,
                      `v19` AS `f19`
                    FROM (
                      SELECT
                        `_id`,
                        `v0`,
                        `v2`,
                        `v10`,
                        `v11`,
                        `v12`,
                        `v13`,
                        `v14`,
                        `v15`,
                        `v16`,
                        `v17`,
                        `v18`,
                        `v19`,
                        CASE
                          WHEN `win1` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q1_yr` < 1914
                            THEN `wall1` + 11188
                            WHEN `q1_yr` > 2019
                            THEN CASE WHEN `wall1` + 10800 < 1550368800 THEN 1550368800 ELSE `wall1` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z1`.`w1` IS NULL OR `wall1` < `z1`.`w1`
                              )
                              THEN CASE WHEN `wall1` - `z1`.`o0` < `z1`.`a0` THEN `z1`.`a0` ELSE `wall1` - `z1`.`o0` END
                              WHEN (
                                `z1`.`w2` IS NULL OR `wall1` < `z1`.`w2`
                              )
                              THEN CASE WHEN `wall1` - `z1`.`o1` < `z1`.`a1` THEN `z1`.`a1` ELSE `wall1` - `z1`.`o1` END
                              WHEN (
                                `z1`.`w3` IS NULL OR `wall1` < `z1`.`w3`
                              )
                              THEN CASE WHEN `wall1` - `z1`.`o2` < `z1`.`a2` THEN `z1`.`a2` ELSE `wall1` - `z1`.`o2` END
                              ELSE CASE WHEN `wall1` - `z1`.`o3` < `z1`.`a3` THEN `z1`.`a3` ELSE `wall1` - `z1`.`o3` END
                            END
                          END
                          WHEN `win1` IN (3)
                          THEN `wall1` - `off1`
                        END AS `t1`,
                        CASE
                          WHEN `win3` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q3_yr` < 1914
                            THEN `wall3` + 11188
                            WHEN `q3_yr` > 2019
                            THEN CASE WHEN `wall3` + 10800 < 1550368800 THEN 1550368800 ELSE `wall3` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z3`.`w1` IS NULL OR `wall3` < `z3`.`w1`
                              )
                              THEN CASE WHEN `wall3` - `z3`.`o0` < `z3`.`a0` THEN `z3`.`a0` ELSE `wall3` - `z3`.`o0` END
                              WHEN (
                                `z3`.`w2` IS NULL OR `wall3` < `z3`.`w2`
                              )
                              THEN CASE WHEN `wall3` - `z3`.`o1` < `z3`.`a1` THEN `z3`.`a1` ELSE `wall3` - `z3`.`o1` END
                              WHEN (
                                `z3`.`w3` IS NULL OR `wall3` < `z3`.`w3`
                              )
                              THEN CASE WHEN `wall3` - `z3`.`o2` < `z3`.`a2` THEN `z3`.`a2` ELSE `wall3` - `z3`.`o2` END
                              ELSE CASE WHEN `wall3` - `z3`.`o3` < `z3`.`a3` THEN `z3`.`a3` ELSE `wall3` - `z3`.`o3` END
                            END
                          END
                          WHEN `win3` IN (3)
                          THEN `wall3` - `off3`
                        END AS `t3`,
                        CASE
                          WHEN `win4` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q4_yr` < 1914
                            THEN `wall4` + 11188
                            WHEN `q4_yr` > 2019
                            THEN CASE WHEN `wall4` + 10800 < 1550368800 THEN 1550368800 ELSE `wall4` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z4`.`w1` IS NULL OR `wall4` < `z4`.`w1`
                              )
                              THEN CASE WHEN `wall4` - `z4`.`o0` < `z4`.`a0` THEN `z4`.`a0` ELSE `wall4` - `z4`.`o0` END
                              WHEN (
                                `z4`.`w2` IS NULL OR `wall4` < `z4`.`w2`
                              )
                              THEN CASE WHEN `wall4` - `z4`.`o1` < `z4`.`a1` THEN `z4`.`a1` ELSE `wall4` - `z4`.`o1` END
                              WHEN (
                                `z4`.`w3` IS NULL OR `wall4` < `z4`.`w3`
                              )
                              THEN CASE WHEN `wall4` - `z4`.`o2` < `z4`.`a2` THEN `z4`.`a2` ELSE `wall4` - `z4`.`o2` END
                              ELSE CASE WHEN `wall4` - `z4`.`o3` < `z4`.`a3` THEN `z4`.`a3` ELSE `wall4` - `z4`.`o3` END
                            END
                          END
                          WHEN `win4` IN (3)
                          THEN `wall4` - `off4`
                        END AS `t4`,
                        CASE
                          WHEN `win5` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q5_yr` < 1914
                            THEN `wall5` + 11188
                            WHEN `q5_yr` > 2019
                            THEN CASE WHEN `wall5` + 10800 < 1550368800 THEN 1550368800 ELSE `wall5` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z5`.`w1` IS NULL OR `wall5` < `z5`.`w1`
                              )
                              THEN CASE WHEN `wall5` - `z5`.`o0` < `z5`.`a0` THEN `z5`.`a0` ELSE `wall5` - `z5`.`o0` END
                              WHEN (
                                `z5`.`w2` IS NULL OR `wall5` < `z5`.`w2`
                              )
                              THEN CASE WHEN `wall5` - `z5`.`o1` < `z5`.`a1` THEN `z5`.`a1` ELSE `wall5` - `z5`.`o1` END
                              WHEN (
                                `z5`.`w3` IS NULL OR `wall5` < `z5`.`w3`
                              )
                              THEN CASE WHEN `wall5` - `z5`.`o2` < `z5`.`a2` THEN `z5`.`a2` ELSE `wall5` - `z5`.`o2` END
                              ELSE CASE WHEN `wall5` - `z5`.`o3` < `z5`.`a3` THEN `z5`.`a3` ELSE `wall5` - `z5`.`o3` END
                            END
                          END
                          WHEN `win5` IN (3)
                          THEN `wall5` - `off5`
                        END AS `t5`,
                        CASE
                          WHEN `win6` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q6_yr` < 1914
                            THEN `wall6` + 11188
                            WHEN `q6_yr` > 2019
                            THEN CASE WHEN `wall6` + 10800 < 1550368800 THEN 1550368800 ELSE `wall6` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z6`.`w1` IS NULL OR `wall6` < `z6`.`w1`
                              )
                              THEN CASE WHEN `wall6` - `z6`.`o0` < `z6`.`a0` THEN `z6`.`a0` ELSE `wall6` - `z6`.`o0` END
                              WHEN (
                                `z6`.`w2` IS NULL OR `wall6` < `z6`.`w2`
                              )
                              THEN CASE WHEN `wall6` - `z6`.`o1` < `z6`.`a1` THEN `z6`.`a1` ELSE `wall6` - `z6`.`o1` END
                              WHEN (
                                `z6`.`w3` IS NULL OR `wall6` < `z6`.`w3`
                              )
                              THEN CASE WHEN `wall6` - `z6`.`o2` < `z6`.`a2` THEN `z6`.`a2` ELSE `wall6` - `z6`.`o2` END
                              ELSE CASE WHEN `wall6` - `z6`.`o3` < `z6`.`a3` THEN `z6`.`a3` ELSE `wall6` - `z6`.`o3` END
                            END
                          END
                          WHEN `win6` IN (3)
                          THEN `wall6` - `off6`
                        END AS `t6`,
                        CASE
                          WHEN `win7` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q7_yr` < 1914
                            THEN `wall7` + 11188
                            WHEN `q7_yr` > 2019
                            THEN CASE WHEN `wall7` + 10800 < 1550368800 THEN 1550368800 ELSE `wall7` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z7`.`w1` IS NULL OR `wall7` < `z7`.`w1`
                              )
                              THEN CASE WHEN `wall7` - `z7`.`o0` < `z7`.`a0` THEN `z7`.`a0` ELSE `wall7` - `z7`.`o0` END
                              WHEN (
                                `z7`.`w2` IS NULL OR `wall7` < `z7`.`w2`
                              )
                              THEN CASE WHEN `wall7` - `z7`.`o1` < `z7`.`a1` THEN `z7`.`a1` ELSE `wall7` - `z7`.`o1` END
                              WHEN (
                                `z7`.`w3` IS NULL OR `wall7` < `z7`.`w3`
                              )
                              THEN CASE WHEN `wall7` - `z7`.`o2` < `z7`.`a2` THEN `z7`.`a2` ELSE `wall7` - `z7`.`o2` END
                              ELSE CASE WHEN `wall7` - `z7`.`o3` < `z7`.`a3` THEN `z7`.`a3` ELSE `wall7` - `z7`.`o3` END
                            END
                          END
                          WHEN `win7` IN (3)
                          THEN `wall7` - `off7`
                        END AS `t7`,
                        CASE
                          WHEN `win8` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q8_yr` < 1914
                            THEN `wall8` + 11188
                            WHEN `q8_yr` > 2019
                            THEN CASE WHEN `wall8` + 10800 < 1550368800 THEN 1550368800 ELSE `wall8` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z8`.`w1` IS NULL OR `wall8` < `z8`.`w1`
                              )
                              THEN CASE WHEN `wall8` - `z8`.`o0` < `z8`.`a0` THEN `z8`.`a0` ELSE `wall8` - `z8`.`o0` END
                              WHEN (
                                `z8`.`w2` IS NULL OR `wall8` < `z8`.`w2`
                              )
                              THEN CASE WHEN `wall8` - `z8`.`o1` < `z8`.`a1` THEN `z8`.`a1` ELSE `wall8` - `z8`.`o1` END
                              WHEN (
                                `z8`.`w3` IS NULL OR `wall8` < `z8`.`w3`
                              )
                              THEN CASE WHEN `wall8` - `z8`.`o2` < `z8`.`a2` THEN `z8`.`a2` ELSE `wall8` - `z8`.`o2` END
                              ELSE CASE WHEN `wall8` - `z8`.`o3` < `z8`.`a3` THEN `z8`.`a3` ELSE `wall8` - `z8`.`o3` END
                            END
                          END
                          WHEN `win8` IN (3)
                          THEN `wall8` - `off8`
                        END AS `t8`,
                        CASE
                          WHEN `win9` IN (0, 1, 2)
                          THEN CASE
                            WHEN `q9_yr` < 1914
                            THEN `wall9` + 11188
                            WHEN `q9_yr` > 2019
                            THEN CASE WHEN `wall9` + 10800 < 1550368800 THEN 1550368800 ELSE `wall9` + 10800 END
                            ELSE CASE
                              WHEN (
                                `z9`.`w1` IS NULL OR `wall9` < `z9`.`w1`
                              )
                              THEN CASE WHEN `wall9` - `z9`.`o0` < `z9`.`a0` THEN `z9`.`a0` ELSE `wall9` - `z9`.`o0` END
                              WHEN (
                                `z9`.`w2` IS NULL OR `wall9` < `z9`.`w2`
                              )
                              THEN CASE WHEN `wall9` - `z9`.`o1` < `z9`.`a1` THEN `z9`.`a1` ELSE `wall9` - `z9`.`o1` END
                              WHEN (
                                `z9`.`w3` IS NULL OR `wall9` < `z9`.`w3`
                              )
                              THEN CASE WHEN `wall9` - `z9`.`o2` < `z9`.`a2` THEN `z9`.`a2` ELSE `wall9` - `z9`.`o2` END
                              ELSE CASE WHEN `wall9` - `z9`.`o3` < `z9`.`a3` THEN `z9`.`a3` ELSE `wall9` - `z9`.`o3` END
                            END
                          END
                          WHEN `win9` IN (3)
                          THEN `wall9` - `off9`
                        END AS `t9`
                      FROM (
                        SELECT
                          *,
                          (
                            (
                              `q1_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q1_yr` - 1
                              ) / 4) - FLOOR((
                                `q1_yr` - 1
                              ) / 100) + FLOOR((
                                `q1_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q1_mo` - 362
                              ) / 12) + CASE
                                WHEN `q1_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q1_yr`, 4) = 0 AND MOD(`q1_yr`, 100) <> 0
                                  ) OR MOD(`q1_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q1_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q1_h`, 0) * 3600 + COALESCE(`q1_mi`, 0) * 60 + COALESCE(`q1_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q1_f`, 6) AS FLOAT64), 0.0e0) AS `wall1`,
                          CASE
                            WHEN `q1_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q1_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q1_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q1_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off1`,
                          (
                            (
                              `q3_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q3_yr` - 1
                              ) / 4) - FLOOR((
                                `q3_yr` - 1
                              ) / 100) + FLOOR((
                                `q3_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q3_mo` - 362
                              ) / 12) + CASE
                                WHEN `q3_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q3_yr`, 4) = 0 AND MOD(`q3_yr`, 100) <> 0
                                  ) OR MOD(`q3_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q3_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q3_h`, 0) * 3600 + COALESCE(`q3_mi`, 0) * 60 + COALESCE(`q3_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q3_f`, 6) AS FLOAT64), 0.0e0) AS `wall3`,
                          CASE
                            WHEN `q3_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q3_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q3_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q3_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off3`,
                          (
                            (
                              `q4_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q4_yr` - 1
                              ) / 4) - FLOOR((
                                `q4_yr` - 1
                              ) / 100) + FLOOR((
                                `q4_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q4_mo` - 362
                              ) / 12) + CASE
                                WHEN `q4_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q4_yr`, 4) = 0 AND MOD(`q4_yr`, 100) <> 0
                                  ) OR MOD(`q4_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q4_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q4_h`, 0) * 3600 + COALESCE(`q4_mi`, 0) * 60 + COALESCE(`q4_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q4_f`, 6) AS FLOAT64), 0.0e0) AS `wall4`,
                          CASE
                            WHEN `q4_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q4_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q4_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q4_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off4`,
                          (
                            (
                              `q5_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q5_yr` - 1
                              ) / 4) - FLOOR((
                                `q5_yr` - 1
                              ) / 100) + FLOOR((
                                `q5_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q5_mo` - 362
                              ) / 12) + CASE
                                WHEN `q5_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q5_yr`, 4) = 0 AND MOD(`q5_yr`, 100) <> 0
                                  ) OR MOD(`q5_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q5_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q5_h`, 0) * 3600 + COALESCE(`q5_mi`, 0) * 60 + COALESCE(`q5_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q5_f`, 6) AS FLOAT64), 0.0e0) AS `wall5`,
                          CASE
                            WHEN `q5_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q5_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q5_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q5_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off5`,
                          (
                            (
                              `q6_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q6_yr` - 1
                              ) / 4) - FLOOR((
                                `q6_yr` - 1
                              ) / 100) + FLOOR((
                                `q6_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q6_mo` - 362
                              ) / 12) + CASE
                                WHEN `q6_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q6_yr`, 4) = 0 AND MOD(`q6_yr`, 100) <> 0
                                  ) OR MOD(`q6_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q6_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q6_h`, 0) * 3600 + COALESCE(`q6_mi`, 0) * 60 + COALESCE(`q6_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q6_f`, 6) AS FLOAT64), 0.0e0) AS `wall6`,
                          CASE
                            WHEN `q6_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q6_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q6_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q6_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off6`,
                          (
                            (
                              `q7_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q7_yr` - 1
                              ) / 4) - FLOOR((
                                `q7_yr` - 1
                              ) / 100) + FLOOR((
                                `q7_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q7_mo` - 362
                              ) / 12) + CASE
                                WHEN `q7_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q7_yr`, 4) = 0 AND MOD(`q7_yr`, 100) <> 0
                                  ) OR MOD(`q7_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q7_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q7_h`, 0) * 3600 + COALESCE(`q7_mi`, 0) * 60 + COALESCE(`q7_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q7_f`, 6) AS FLOAT64), 0.0e0) AS `wall7`,
                          CASE
                            WHEN `q7_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q7_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q7_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q7_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off7`,
                          (
                            (
                              `q8_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q8_yr` - 1
                              ) / 4) - FLOOR((
                                `q8_yr` - 1
                              ) / 100) + FLOOR((
                                `q8_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q8_mo` - 362
                              ) / 12) + CASE
                                WHEN `q8_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q8_yr`, 4) = 0 AND MOD(`q8_yr`, 100) <> 0
                                  ) OR MOD(`q8_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q8_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q8_h`, 0) * 3600 + COALESCE(`q8_mi`, 0) * 60 + COALESCE(`q8_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q8_f`, 6) AS FLOAT64), 0.0e0) AS `wall8`,
                          CASE
                            WHEN `q8_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q8_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q8_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q8_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off8`,
                          (
                            (
                              `q9_yr` - 1970
                            ) * 365 + (
                              FLOOR((
                                `q9_yr` - 1
                              ) / 4) - FLOOR((
                                `q9_yr` - 1
                              ) / 100) + FLOOR((
                                `q9_yr` - 1
                              ) / 400) - 477
                            ) + (
                              FLOOR((
                                367 * `q9_mo` - 362
                              ) / 12) + CASE
                                WHEN `q9_mo` > 2
                                THEN CASE
                                  WHEN (
                                    MOD(`q9_yr`, 4) = 0 AND MOD(`q9_yr`, 100) <> 0
                                  ) OR MOD(`q9_yr`, 400) = 0
                                  THEN -1
                                  ELSE -2
                                END
                                ELSE 0
                              END
                            ) + (
                              `q9_d` - 1
                            )
                          ) * 86400 + (
                            COALESCE(`q9_h`, 0) * 3600 + COALESCE(`q9_mi`, 0) * 60 + COALESCE(`q9_s`, 0)
                          ) + COALESCE(SAFE_CAST('0.' || LEFT(`q9_f`, 6) AS FLOAT64), 0.0e0) AS `wall9`,
                          CASE
                            WHEN `q9_z` IN ('Z', 'z')
                            THEN 0
                            ELSE CASE WHEN LEFT(`q9_z`, 1) = '-' THEN -1 ELSE 1 END * (
                              SAFE_CAST(SUBSTR(`q9_z`, 2, 2) AS INT64) * 3600 + COALESCE(SAFE_CAST(NULLIF(REPLACE(SUBSTR(`q9_z`, 4), ':', ''), '') AS INT64), 0) * 60
                            )
                          END AS `off9`
                        FROM (
                          SELECT
                            *,
                            CASE
                              WHEN `win1` = 0
                              THEN `yr1_0`
                              WHEN `win1` = 1
                              THEN `yr1_1`
                              WHEN `win1` = 2
                              THEN `yr1_2`
                              WHEN `win1` = 3
                              THEN `yr1_3`
                            END AS `q1_yr`,
                            CASE
                              WHEN `win1` = 0
                              THEN `p1_0_d`
                              WHEN `win1` = 1
                              THEN `p1_1_d`
                              WHEN `win1` = 2
                              THEN `p1_2_d`
                              WHEN `win1` = 3
                              THEN `p1_3_d`
                            END AS `q1_d`,
                            CASE WHEN `win1` = 2 THEN `p1_2_f` WHEN `win1` = 3 THEN `p1_3_f` END AS `q1_f`,
                            CASE WHEN `win1` = 0 THEN `p1_0_h` WHEN `win1` = 2 THEN `p1_2_h` WHEN `win1` = 3 THEN `p1_3_h` END AS `q1_h`,
                            CASE WHEN `win1` = 0 THEN `p1_0_mi` WHEN `win1` = 2 THEN `p1_2_mi` WHEN `win1` = 3 THEN `p1_3_mi` END AS `q1_mi`,
                            CASE
                              WHEN `win1` = 0
                              THEN `p1_0_mo`
                              WHEN `win1` = 1
                              THEN `p1_1_mo`
                              WHEN `win1` = 2
                              THEN `p1_2_mo`
                              WHEN `win1` = 3
                              THEN `p1_3_mo`
                            END AS `q1_mo`,
                            CASE WHEN `win1` = 2 THEN `p1_2_s` WHEN `win1` = 3 THEN `p1_3_s` END AS `q1_s`,
                            CASE WHEN `win1` = 3 THEN `p1_3_z` END AS `q1_z`,
                            CASE
                              WHEN `win3` = 0
                              THEN `yr3_0`
                              WHEN `win3` = 1
                              THEN `yr3_1`
                              WHEN `win3` = 2
                              THEN `yr3_2`
                              WHEN `win3` = 3
                              THEN `yr3_3`
                            END AS `q3_yr`,
                            CASE
                              WHEN `win3` = 0
                              THEN `p3_0_d`
                              WHEN `win3` = 1
                              THEN `p3_1_d`
                              WHEN `win3` = 2
                              THEN `p3_2_d`
                              WHEN `win3` = 3
                              THEN `p3_3_d`
                            END AS `q3_d`,
                            CASE WHEN `win3` = 2 THEN `p3_2_f` WHEN `win3` = 3 THEN `p3_3_f` END AS `q3_f`,
                            CASE WHEN `win3` = 0 THEN `p3_0_h` WHEN `win3` = 2 THEN `p3_2_h` WHEN `win3` = 3 THEN `p3_3_h` END AS `q3_h`,
                            CASE WHEN `win3` = 0 THEN `p3_0_mi` WHEN `win3` = 2 THEN `p3_2_mi` WHEN `win3` = 3 THEN `p3_3_mi` END AS `q3_mi`,
                            CASE
                              WHEN `win3` = 0
                              THEN `p3_0_mo`
                              WHEN `win3` = 1
                              THEN `p3_1_mo`
                              WHEN `win3` = 2
                              THEN `p3_2_mo`
                              WHEN `win3` = 3
                              THEN `p3_3_mo`
                            END AS `q3_mo`,
                            CASE WHEN `win3` = 2 THEN `p3_2_s` WHEN `win3` = 3 THEN `p3_3_s` END AS `q3_s`,
                            CASE WHEN `win3` = 3 THEN `p3_3_z` END AS `q3_z`,
                            CASE
                              WHEN `win4` = 0
                              THEN `yr4_0`
                              WHEN `win4` = 1
                              THEN `yr4_1`
                              WHEN `win4` = 2
                              THEN `yr4_2`
                              WHEN `win4` = 3
                              THEN `yr4_3`
                            END AS `q4_yr`,
                            CASE
                              WHEN `win4` = 0
                              THEN `p4_0_d`
                              WHEN `win4` = 1
                              THEN `p4_1_d`
                              WHEN `win4` = 2
                              THEN `p4_2_d`
                              WHEN `win4` = 3
                              THEN `p4_3_d`
                            END AS `q4_d`,
                            CASE WHEN `win4` = 2 THEN `p4_2_f` WHEN `win4` = 3 THEN `p4_3_f` END AS `q4_f`,
                            CASE WHEN `win4` = 0 THEN `p4_0_h` WHEN `win4` = 2 THEN `p4_2_h` WHEN `win4` = 3 THEN `p4_3_h` END AS `q4_h`,
                            CASE WHEN `win4` = 0 THEN `p4_0_mi` WHEN `win4` = 2 THEN `p4_2_mi` WHEN `win4` = 3 THEN `p4_3_mi` END AS `q4_mi`,
                            CASE
                              WHEN `win4` = 0
                              THEN `p4_0_mo`
                              WHEN `win4` = 1
                              THEN `p4_1_mo`
                              WHEN `win4` = 2
                              THEN `p4_2_mo`
                              WHEN `win4` = 3
                              THEN `p4_3_mo`
                            END AS `q4_mo`,
                            CASE WHEN `win4` = 2 THEN `p4_2_s` WHEN `win4` = 3 THEN `p4_3_s` END AS `q4_s`,
                            CASE WHEN `win4` = 3 THEN `p4_3_z` END AS `q4_z`,
                            CASE
                              WHEN `win5` = 0
                              THEN `yr5_0`
                              WHEN `win5` = 1
                              THEN `yr5_1`
                              WHEN `win5` = 2
                              THEN `yr5_2`
                              WHEN `win5` = 3
                              THEN `yr5_3`
                            END AS `q5_yr`,
                            CASE
                              WHEN `win5` = 0
                              THEN `p5_0_d`
                              WHEN `win5` = 1
                              THEN `p5_1_d`
                              WHEN `win5` = 2
                              THEN `p5_2_d`
                              WHEN `win5` = 3
                              THEN `p5_3_d`
                            END AS `q5_d`,
                            CASE WHEN `win5` = 2 THEN `p5_2_f` WHEN `win5` = 3 THEN `p5_3_f` END AS `q5_f`,
                            CASE WHEN `win5` = 0 THEN `p5_0_h` WHEN `win5` = 2 THEN `p5_2_h` WHEN `win5` = 3 THEN `p5_3_h` END AS `q5_h`,
                            CASE WHEN `win5` = 0 THEN `p5_0_mi` WHEN `win5` = 2 THEN `p5_2_mi` WHEN `win5` = 3 THEN `p5_3_mi` END AS `q5_mi`,
                            CASE
                              WHEN `win5` = 0
                              THEN `p5_0_mo`
                              WHEN `win5` = 1
                              THEN `p5_1_mo`
                              WHEN `win5` = 2
                              THEN `p5_2_mo`
                              WHEN `win5` = 3
                              THEN `p5_3_mo`
                            END AS `q5_mo`,
                            CASE WHEN `win5` = 2 THEN `p5_2_s` WHEN `win5` = 3 THEN `p5_3_s` END AS `q5_s`,
                            CASE WHEN `win5` = 3 THEN `p5_3_z` END AS `q5_z`,
                            CASE
                              WHEN `win6` = 0
                              THEN `yr6_0`
                              WHEN `win6` = 1
                              THEN `yr6_1`
                              WHEN `win6` = 2
                              THEN `yr6_2`
                              WHEN `win6` = 3
                              THEN `yr6_3`
                            END AS `q6_yr`,
                            CASE
                              WHEN `win6` = 0
                              THEN `p6_0_d`
                              WHEN `win6` = 1
                              THEN `p6_1_d`
                              WHEN `win6` = 2
                              THEN `p6_2_d`
                              WHEN `win6` = 3
                              THEN `p6_3_d`
                            END AS `q6_d`,
                            CASE WHEN `win6` = 2 THEN `p6_2_f` WHEN `win6` = 3 THEN `p6_3_f` END AS `q6_f`,
                            CASE WHEN `win6` = 0 THEN `p6_0_h` WHEN `win6` = 2 THEN `p6_2_h` WHEN `win6` = 3 THEN `p6_3_h` END AS `q6_h`,
                            CASE WHEN `win6` = 0 THEN `p6_0_mi` WHEN `win6` = 2 THEN `p6_2_mi` WHEN `win6` = 3 THEN `p6_3_mi` END AS `q6_mi`,
                            CASE
                              WHEN `win6` = 0
                              THEN `p6_0_mo`
                              WHEN `win6` = 1
                              THEN `p6_1_mo`
                              WHEN `win6` = 2
                              THEN `p6_2_mo`
                              WHEN `win6` = 3
                              THEN `p6_3_mo`
                            END AS `q6_mo`,
                            CASE WHEN `win6` = 2 THEN `p6_2_s` WHEN `win6` = 3 THEN `p6_3_s` END AS `q6_s`,
                            CASE WHEN `win6` = 3 THEN `p6_3_z` END AS `q6_z`,
                            CASE
                              WHEN `win7` = 0
                              THEN `yr7_0`
                              WHEN `win7` = 1
                              THEN `yr7_1`
                              WHEN `win7` = 2
                              THEN `yr7_2`
                              WHEN `win7` = 3
                              THEN `yr7_3`
                            END AS `q7_yr`,
                            CASE
                              WHEN `win7` = 0
                              THEN `p7_0_d`
                              WHEN `win7` = 1
                              THEN `p7_1_d`
                              WHEN `win7` = 2
                              THEN `p7_2_d`
                              WHEN `win7` = 3
                              THEN `p7_3_d`
                            END AS `q7_d`,
                            CASE WHEN `win7` = 2 THEN `p7_2_f` WHEN `win7` = 3 THEN `p7_3_f` END AS `q7_f`,
                            CASE WHEN `win7` = 0 THEN `p7_0_h` WHEN `win7` = 2 THEN `p7_2_h` WHEN `win7` = 3 THEN `p7_3_h` END AS `q7_h`,
                            CASE WHEN `win7` = 0 THEN `p7_0_mi` WHEN `win7` = 2 THEN `p7_2_mi` WHEN `win7` = 3 THEN `p7_3_mi` END AS `q7_mi`,
                            CASE
                              WHEN `win7` = 0
                              THEN `p7_0_mo`
                              WHEN `win7` = 1
                              THEN `p7_1_mo`
                              WHEN `win7` = 2
                              THEN `p7_2_mo`
                              WHEN `win7` = 3
                              THEN `p7_3_mo`
                            END AS `q7_mo`,
                            CASE WHEN `win7` = 2 THEN `p7_2_s` WHEN `win7` = 3 THEN `p7_3_s` END AS `q7_s`,
                            CASE WHEN `win7` = 3 THEN `p7_3_z` END AS `q7_z`,
                            CASE
                              WHEN `win8` = 0
                              THEN `yr8_0`
                              WHEN `win8` = 1
                              THEN `yr8_1`
                              WHEN `win8` = 2
                              THEN `yr8_2`
                              WHEN `win8` = 3
                              THEN `yr8_3`
                            END AS `q8_yr`,
                            CASE
                              WHEN `win8` = 0
                              THEN `p8_0_d`
                              WHEN `win8` = 1
                              THEN `p8_1_d`
                              WHEN `win8` = 2
                              THEN `p8_2_d`
                              WHEN `win8` = 3
                              THEN `p8_3_d`
                            END AS `q8_d`,
                            CASE WHEN `win8` = 2 THEN `p8_2_f` WHEN `win8` = 3 THEN `p8_3_f` END AS `q8_f`,
                            CASE WHEN `win8` = 0 THEN `p8_0_h` WHEN `win8` = 2 THEN `p8_2_h` WHEN `win8` = 3 THEN `p8_3_h` END AS `q8_h`,
                            CASE WHEN `win8` = 0 THEN `p8_0_mi` WHEN `win8` = 2 THEN `p8_2_mi` WHEN `win8` = 3 THEN `p8_3_mi` END AS `q8_mi`,
                            CASE
                              WHEN `win8` = 0
                              THEN `p8_0_mo`
                              WHEN `win8` = 1
                              THEN `p8_1_mo`
                              WHEN `win8` = 2
                              THEN `p8_2_mo`
                              WHEN `win8` = 3
                              THEN `p8_3_mo`
                            END AS `q8_mo`,
                            CASE WHEN `win8` = 2 THEN `p8_2_s` WHEN `win8` = 3 THEN `p8_3_s` END AS `q8_s`,
                            CASE WHEN `win8` = 3 THEN `p8_3_z` END AS `q8_z`,
                            CASE
                              WHEN `win9` = 0
                              THEN `yr9_0`
                              WHEN `win9` = 1
                              THEN `yr9_1`
                              WHEN `win9` = 2
                              THEN `yr9_2`
                              WHEN `win9` = 3
                              THEN `yr9_3`
                            END AS `q9_yr`,
                            CASE
                              WHEN `win9` = 0
                              THEN `p9_0_d`
                              WHEN `win9` = 1
                              THEN `p9_1_d`
                              WHEN `win9` = 2
                              THEN `p9_2_d`
                              WHEN `win9` = 3
                              THEN `p9_3_d`
                            END AS `q9_d`,
                            CASE WHEN `win9` = 2 THEN `p9_2_f` WHEN `win9` = 3 THEN `p9_3_f` END AS `q9_f`,
                            CASE WHEN `win9` = 0 THEN `p9_0_h` WHEN `win9` = 2 THEN `p9_2_h` WHEN `win9` = 3 THEN `p9_3_h` END AS `q9_h`,
                            CASE WHEN `win9` = 0 THEN `p9_0_mi` WHEN `win9` = 2 THEN `p9_2_mi` WHEN `win9` = 3 THEN `p9_3_mi` END AS `q9_mi`,
                            CASE
                              WHEN `win9` = 0
                              THEN `p9_0_mo`
                              WHEN `win9` = 1
                              THEN `p9_1_mo`
                              WHEN `win9` = 2
                              THEN `p9_2_mo`
                              WHEN `win9` = 3
                              THEN `p9_3_mo`
                            END AS `q9_mo`,
                            CASE WHEN `win9` = 2 THEN `p9_2_s` WHEN `win9` = 3 THEN `p9_3_s` END AS `q9_s`,
                            CASE WHEN `win9` = 3 THEN `p9_3_z` END AS `q9_z`
                          FROM (
                            SELECT
                              *,
                              CASE WHEN `g1_0` THEN 0 WHEN `g1_1` THEN 1 WHEN `g1_2` THEN 2 WHEN `g1_3` THEN 3 END AS `win1`,
                              CASE WHEN `g3_0` THEN 0 WHEN `g3_1` THEN 1 WHEN `g3_2` THEN 2 WHEN `g3_3` THEN 3 END AS `win3`,
                              CASE WHEN `g4_0` THEN 0 WHEN `g4_1` THEN 1 WHEN `g4_2` THEN 2 WHEN `g4_3` THEN 3 END AS `win4`,
                              CASE WHEN `g5_0` THEN 0 WHEN `g5_1` THEN 1 WHEN `g5_2` THEN 2 WHEN `g5_3` THEN 3 END AS `win5`,
                              CASE WHEN `g6_0` THEN 0 WHEN `g6_1` THEN 1 WHEN `g6_2` THEN 2 WHEN `g6_3` THEN 3 END AS `win6`,
                              CASE WHEN `g7_0` THEN 0 WHEN `g7_1` THEN 1 WHEN `g7_2` THEN 2 WHEN `g7_3` THEN 3 END AS `win7`,
                              CASE WHEN `g8_0` THEN 0 WHEN `g8_1` THEN 1 WHEN `g8_2` THEN 2 WHEN `g8_3` THEN 3 END AS `win8`,
                              CASE WHEN `g9_0` THEN 0 WHEN `g9_1` THEN 1 WHEN `g9_2` THEN 2 WHEN `g9_3` THEN 3 END AS `win9`
                            FROM (
                              SELECT
                                *,
                                `p1_0_ok`
                                AND `yr1_0` >= 1000
                                AND `p1_0_mo` BETWEEN 1 AND 12
                                AND `p1_0_d` BETWEEN 1 AND CASE
                                  WHEN `p1_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr1_0`, 4) = 0 AND MOD(`yr1_0`, 100) <> 0
                                    ) OR MOD(`yr1_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p1_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p1_0_h`, 0) <= 23
                                AND COALESCE(`p1_0_mi`, 0) <= 59 AS `g1_0`,
                                `p1_1_ok`
                                AND `yr1_1` >= 1000
                                AND `p1_1_mo` BETWEEN 1 AND 12
                                AND `p1_1_d` BETWEEN 1 AND CASE
                                  WHEN `p1_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr1_1`, 4) = 0 AND MOD(`yr1_1`, 100) <> 0
                                    ) OR MOD(`yr1_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p1_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g1_1`,
                                `p1_2_ok`
                                AND `yr1_2` >= 1000
                                AND `p1_2_mo` BETWEEN 1 AND 12
                                AND `p1_2_d` BETWEEN 1 AND CASE
                                  WHEN `p1_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr1_2`, 4) = 0 AND MOD(`yr1_2`, 100) <> 0
                                    ) OR MOD(`yr1_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p1_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p1_2_h`, 0) <= 23
                                AND COALESCE(`p1_2_mi`, 0) <= 59
                                AND COALESCE(`p1_2_s`, 0) <= 59 AS `g1_2`,
                                `p1_3_ok`
                                AND `yr1_3` >= 1000
                                AND `p1_3_mo` BETWEEN 1 AND 12
                                AND `p1_3_d` BETWEEN 1 AND CASE
                                  WHEN `p1_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr1_3`, 4) = 0 AND MOD(`yr1_3`, 100) <> 0
                                    ) OR MOD(`yr1_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p1_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p1_3_h`, 0) <= 23
                                AND COALESCE(`p1_3_mi`, 0) <= 59
                                AND COALESCE(`p1_3_s`, 0) <= 59 AS `g1_3`,
                                `p3_0_ok`
                                AND `yr3_0` >= 1000
                                AND `p3_0_mo` BETWEEN 1 AND 12
                                AND `p3_0_d` BETWEEN 1 AND CASE
                                  WHEN `p3_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr3_0`, 4) = 0 AND MOD(`yr3_0`, 100) <> 0
                                    ) OR MOD(`yr3_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p3_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p3_0_h`, 0) <= 23
                                AND COALESCE(`p3_0_mi`, 0) <= 59 AS `g3_0`,
                                `p3_1_ok`
                                AND `yr3_1` >= 1000
                                AND `p3_1_mo` BETWEEN 1 AND 12
                                AND `p3_1_d` BETWEEN 1 AND CASE
                                  WHEN `p3_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr3_1`, 4) = 0 AND MOD(`yr3_1`, 100) <> 0
                                    ) OR MOD(`yr3_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p3_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g3_1`,
                                `p3_2_ok`
                                AND `yr3_2` >= 1000
                                AND `p3_2_mo` BETWEEN 1 AND 12
                                AND `p3_2_d` BETWEEN 1 AND CASE
                                  WHEN `p3_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr3_2`, 4) = 0 AND MOD(`yr3_2`, 100) <> 0
                                    ) OR MOD(`yr3_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p3_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p3_2_h`, 0) <= 23
                                AND COALESCE(`p3_2_mi`, 0) <= 59
                                AND COALESCE(`p3_2_s`, 0) <= 59 AS `g3_2`,
                                `p3_3_ok`
                                AND `yr3_3` >= 1000
                                AND `p3_3_mo` BETWEEN 1 AND 12
                                AND `p3_3_d` BETWEEN 1 AND CASE
                                  WHEN `p3_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr3_3`, 4) = 0 AND MOD(`yr3_3`, 100) <> 0
                                    ) OR MOD(`yr3_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p3_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p3_3_h`, 0) <= 23
                                AND COALESCE(`p3_3_mi`, 0) <= 59
                                AND COALESCE(`p3_3_s`, 0) <= 59 AS `g3_3`,
                                `p4_0_ok`
                                AND `yr4_0` >= 1000
                                AND `p4_0_mo` BETWEEN 1 AND 12
                                AND `p4_0_d` BETWEEN 1 AND CASE
                                  WHEN `p4_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr4_0`, 4) = 0 AND MOD(`yr4_0`, 100) <> 0
                                    ) OR MOD(`yr4_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p4_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p4_0_h`, 0) <= 23
                                AND COALESCE(`p4_0_mi`, 0) <= 59 AS `g4_0`,
                                `p4_1_ok`
                                AND `yr4_1` >= 1000
                                AND `p4_1_mo` BETWEEN 1 AND 12
                                AND `p4_1_d` BETWEEN 1 AND CASE
                                  WHEN `p4_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr4_1`, 4) = 0 AND MOD(`yr4_1`, 100) <> 0
                                    ) OR MOD(`yr4_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p4_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g4_1`,
                                `p4_2_ok`
                                AND `yr4_2` >= 1000
                                AND `p4_2_mo` BETWEEN 1 AND 12
                                AND `p4_2_d` BETWEEN 1 AND CASE
                                  WHEN `p4_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr4_2`, 4) = 0 AND MOD(`yr4_2`, 100) <> 0
                                    ) OR MOD(`yr4_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p4_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p4_2_h`, 0) <= 23
                                AND COALESCE(`p4_2_mi`, 0) <= 59
                                AND COALESCE(`p4_2_s`, 0) <= 59 AS `g4_2`,
                                `p4_3_ok`
                                AND `yr4_3` >= 1000
                                AND `p4_3_mo` BETWEEN 1 AND 12
                                AND `p4_3_d` BETWEEN 1 AND CASE
                                  WHEN `p4_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr4_3`, 4) = 0 AND MOD(`yr4_3`, 100) <> 0
                                    ) OR MOD(`yr4_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p4_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p4_3_h`, 0) <= 23
                                AND COALESCE(`p4_3_mi`, 0) <= 59
                                AND COALESCE(`p4_3_s`, 0) <= 59 AS `g4_3`,
                                `p5_0_ok`
                                AND `yr5_0` >= 1000
                                AND `p5_0_mo` BETWEEN 1 AND 12
                                AND `p5_0_d` BETWEEN 1 AND CASE
                                  WHEN `p5_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr5_0`, 4) = 0 AND MOD(`yr5_0`, 100) <> 0
                                    ) OR MOD(`yr5_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p5_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p5_0_h`, 0) <= 23
                                AND COALESCE(`p5_0_mi`, 0) <= 59 AS `g5_0`,
                                `p5_1_ok`
                                AND `yr5_1` >= 1000
                                AND `p5_1_mo` BETWEEN 1 AND 12
                                AND `p5_1_d` BETWEEN 1 AND CASE
                                  WHEN `p5_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr5_1`, 4) = 0 AND MOD(`yr5_1`, 100) <> 0
                                    ) OR MOD(`yr5_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p5_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g5_1`,
                                `p5_2_ok`
                                AND `yr5_2` >= 1000
                                AND `p5_2_mo` BETWEEN 1 AND 12
                                AND `p5_2_d` BETWEEN 1 AND CASE
                                  WHEN `p5_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr5_2`, 4) = 0 AND MOD(`yr5_2`, 100) <> 0
                                    ) OR MOD(`yr5_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p5_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p5_2_h`, 0) <= 23
                                AND COALESCE(`p5_2_mi`, 0) <= 59
                                AND COALESCE(`p5_2_s`, 0) <= 59 AS `g5_2`,
                                `p5_3_ok`
                                AND `yr5_3` >= 1000
                                AND `p5_3_mo` BETWEEN 1 AND 12
                                AND `p5_3_d` BETWEEN 1 AND CASE
                                  WHEN `p5_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr5_3`, 4) = 0 AND MOD(`yr5_3`, 100) <> 0
                                    ) OR MOD(`yr5_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p5_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p5_3_h`, 0) <= 23
                                AND COALESCE(`p5_3_mi`, 0) <= 59
                                AND COALESCE(`p5_3_s`, 0) <= 59 AS `g5_3`,
                                `p6_0_ok`
                                AND `yr6_0` >= 1000
                                AND `p6_0_mo` BETWEEN 1 AND 12
                                AND `p6_0_d` BETWEEN 1 AND CASE
                                  WHEN `p6_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr6_0`, 4) = 0 AND MOD(`yr6_0`, 100) <> 0
                                    ) OR MOD(`yr6_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p6_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p6_0_h`, 0) <= 23
                                AND COALESCE(`p6_0_mi`, 0) <= 59 AS `g6_0`,
                                `p6_1_ok`
                                AND `yr6_1` >= 1000
                                AND `p6_1_mo` BETWEEN 1 AND 12
                                AND `p6_1_d` BETWEEN 1 AND CASE
                                  WHEN `p6_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr6_1`, 4) = 0 AND MOD(`yr6_1`, 100) <> 0
                                    ) OR MOD(`yr6_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p6_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g6_1`,
                                `p6_2_ok`
                                AND `yr6_2` >= 1000
                                AND `p6_2_mo` BETWEEN 1 AND 12
                                AND `p6_2_d` BETWEEN 1 AND CASE
                                  WHEN `p6_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr6_2`, 4) = 0 AND MOD(`yr6_2`, 100) <> 0
                                    ) OR MOD(`yr6_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p6_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p6_2_h`, 0) <= 23
                                AND COALESCE(`p6_2_mi`, 0) <= 59
                                AND COALESCE(`p6_2_s`, 0) <= 59 AS `g6_2`,
                                `p6_3_ok`
                                AND `yr6_3` >= 1000
                                AND `p6_3_mo` BETWEEN 1 AND 12
                                AND `p6_3_d` BETWEEN 1 AND CASE
                                  WHEN `p6_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr6_3`, 4) = 0 AND MOD(`yr6_3`, 100) <> 0
                                    ) OR MOD(`yr6_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p6_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p6_3_h`, 0) <= 23
                                AND COALESCE(`p6_3_mi`, 0) <= 59
                                AND COALESCE(`p6_3_s`, 0) <= 59 AS `g6_3`,
                                `p7_0_ok`
                                AND `yr7_0` >= 1000
                                AND `p7_0_mo` BETWEEN 1 AND 12
                                AND `p7_0_d` BETWEEN 1 AND CASE
                                  WHEN `p7_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr7_0`, 4) = 0 AND MOD(`yr7_0`, 100) <> 0
                                    ) OR MOD(`yr7_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p7_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p7_0_h`, 0) <= 23
                                AND COALESCE(`p7_0_mi`, 0) <= 59 AS `g7_0`,
                                `p7_1_ok`
                                AND `yr7_1` >= 1000
                                AND `p7_1_mo` BETWEEN 1 AND 12
                                AND `p7_1_d` BETWEEN 1 AND CASE
                                  WHEN `p7_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr7_1`, 4) = 0 AND MOD(`yr7_1`, 100) <> 0
                                    ) OR MOD(`yr7_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p7_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g7_1`,
                                `p7_2_ok`
                                AND `yr7_2` >= 1000
                                AND `p7_2_mo` BETWEEN 1 AND 12
                                AND `p7_2_d` BETWEEN 1 AND CASE
                                  WHEN `p7_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr7_2`, 4) = 0 AND MOD(`yr7_2`, 100) <> 0
                                    ) OR MOD(`yr7_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p7_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p7_2_h`, 0) <= 23
                                AND COALESCE(`p7_2_mi`, 0) <= 59
                                AND COALESCE(`p7_2_s`, 0) <= 59 AS `g7_2`,
                                `p7_3_ok`
                                AND `yr7_3` >= 1000
                                AND `p7_3_mo` BETWEEN 1 AND 12
                                AND `p7_3_d` BETWEEN 1 AND CASE
                                  WHEN `p7_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr7_3`, 4) = 0 AND MOD(`yr7_3`, 100) <> 0
                                    ) OR MOD(`yr7_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p7_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p7_3_h`, 0) <= 23
                                AND COALESCE(`p7_3_mi`, 0) <= 59
                                AND COALESCE(`p7_3_s`, 0) <= 59 AS `g7_3`,
                                `p8_0_ok`
                                AND `yr8_0` >= 1000
                                AND `p8_0_mo` BETWEEN 1 AND 12
                                AND `p8_0_d` BETWEEN 1 AND CASE
                                  WHEN `p8_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr8_0`, 4) = 0 AND MOD(`yr8_0`, 100) <> 0
                                    ) OR MOD(`yr8_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p8_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p8_0_h`, 0) <= 23
                                AND COALESCE(`p8_0_mi`, 0) <= 59 AS `g8_0`,
                                `p8_1_ok`
                                AND `yr8_1` >= 1000
                                AND `p8_1_mo` BETWEEN 1 AND 12
                                AND `p8_1_d` BETWEEN 1 AND CASE
                                  WHEN `p8_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr8_1`, 4) = 0 AND MOD(`yr8_1`, 100) <> 0
                                    ) OR MOD(`yr8_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p8_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g8_1`,
                                `p8_2_ok`
                                AND `yr8_2` >= 1000
                                AND `p8_2_mo` BETWEEN 1 AND 12
                                AND `p8_2_d` BETWEEN 1 AND CASE
                                  WHEN `p8_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr8_2`, 4) = 0 AND MOD(`yr8_2`, 100) <> 0
                                    ) OR MOD(`yr8_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p8_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p8_2_h`, 0) <= 23
                                AND COALESCE(`p8_2_mi`, 0) <= 59
                                AND COALESCE(`p8_2_s`, 0) <= 59 AS `g8_2`,
                                `p8_3_ok`
                                AND `yr8_3` >= 1000
                                AND `p8_3_mo` BETWEEN 1 AND 12
                                AND `p8_3_d` BETWEEN 1 AND CASE
                                  WHEN `p8_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr8_3`, 4) = 0 AND MOD(`yr8_3`, 100) <> 0
                                    ) OR MOD(`yr8_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p8_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p8_3_h`, 0) <= 23
                                AND COALESCE(`p8_3_mi`, 0) <= 59
                                AND COALESCE(`p8_3_s`, 0) <= 59 AS `g8_3`,
                                `p9_0_ok`
                                AND `yr9_0` >= 1000
                                AND `p9_0_mo` BETWEEN 1 AND 12
                                AND `p9_0_d` BETWEEN 1 AND CASE
                                  WHEN `p9_0_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr9_0`, 4) = 0 AND MOD(`yr9_0`, 100) <> 0
                                    ) OR MOD(`yr9_0`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p9_0_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p9_0_h`, 0) <= 23
                                AND COALESCE(`p9_0_mi`, 0) <= 59 AS `g9_0`,
                                `p9_1_ok`
                                AND `yr9_1` >= 1000
                                AND `p9_1_mo` BETWEEN 1 AND 12
                                AND `p9_1_d` BETWEEN 1 AND CASE
                                  WHEN `p9_1_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr9_1`, 4) = 0 AND MOD(`yr9_1`, 100) <> 0
                                    ) OR MOD(`yr9_1`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p9_1_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END AS `g9_1`,
                                `p9_2_ok`
                                AND `yr9_2` >= 1000
                                AND `p9_2_mo` BETWEEN 1 AND 12
                                AND `p9_2_d` BETWEEN 1 AND CASE
                                  WHEN `p9_2_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr9_2`, 4) = 0 AND MOD(`yr9_2`, 100) <> 0
                                    ) OR MOD(`yr9_2`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p9_2_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p9_2_h`, 0) <= 23
                                AND COALESCE(`p9_2_mi`, 0) <= 59
                                AND COALESCE(`p9_2_s`, 0) <= 59 AS `g9_2`,
                                `p9_3_ok`
                                AND `yr9_3` >= 1000
                                AND `p9_3_mo` BETWEEN 1 AND 12
                                AND `p9_3_d` BETWEEN 1 AND CASE
                                  WHEN `p9_3_mo` = 2
                                  THEN CASE
                                    WHEN (
                                      MOD(`yr9_3`, 4) = 0 AND MOD(`yr9_3`, 100) <> 0
                                    ) OR MOD(`yr9_3`, 400) = 0
                                    THEN 29
                                    ELSE 28
                                  END
                                  WHEN `p9_3_mo` IN (4, 6, 9, 11)
                                  THEN 30
                                  ELSE 31
                                END
                                AND COALESCE(`p9_3_h`, 0) <= 23
                                AND COALESCE(`p9_3_mi`, 0) <= 59
                                AND COALESCE(`p9_3_s`, 0) <= 59 AS `g9_3`
                              FROM (
                                SELECT
                                  *,
                                  `p1_0_y` AS `yr1_0`,
                                  `p1_1_y` AS `yr1_1`,
                                  `p1_2_y` AS `yr1_2`,
                                  `p1_3_y` AS `yr1_3`,
                                  `p3_0_y` AS `yr3_0`,
                                  `p3_1_y` AS `yr3_1`,
                                  `p3_2_y` AS `yr3_2`,
                                  `p3_3_y` AS `yr3_3`,
                                  `p4_0_y` AS `yr4_0`,
                                  `p4_1_y` AS `yr4_1`,
                                  `p4_2_y` AS `yr4_2`,
                                  `p4_3_y` AS `yr4_3`,
                                  `p5_0_y` AS `yr5_0`,
                                  `p5_1_y` AS `yr5_1`,
                                  `p5_2_y` AS `yr5_2`,
                                  `p5_3_y` AS `yr5_3`,
                                  `p6_0_y` AS `yr6_0`,
                                  `p6_1_y` AS `yr6_1`,
                                  `p6_2_y` AS `yr6_2`,
                                  `p6_3_y` AS `yr6_3`,
                                  `p7_0_y` AS `yr7_0`,
                                  `p7_1_y` AS `yr7_1`,
                                  `p7_2_y` AS `yr7_2`,
                                  `p7_3_y` AS `yr7_3`,
                                  `p8_0_y` AS `yr8_0`,
                                  `p8_1_y` AS `yr8_1`,
                                  `p8_2_y` AS `yr8_2`,
                                  `p8_3_y` AS `yr8_3`,
                                  `p9_0_y` AS `yr9_0`,
                                  `p9_1_y` AS `yr9_1`,
                                  `p9_2_y` AS `yr9_2`,
                                  `p9_3_y` AS `yr9_3`
                                FROM (
                                  SELECT
                                    *,
                                    CASE WHEN `p1_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^([0-9]{1,2})'), '') AS INT64) END AS `p1_0_d`,
                                    CASE
                                      WHEN `p1_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p1_0_mo`,
                                    CASE
                                      WHEN `p1_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p1_0_y`,
                                    CASE
                                      WHEN `p1_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p1_0_h`,
                                    CASE
                                      WHEN `p1_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p1_0_mi`,
                                    CASE WHEN `p1_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^([0-9]{1,2})'), '') AS INT64) END AS `p1_1_d`,
                                    CASE
                                      WHEN `p1_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p1_1_mo`,
                                    CASE
                                      WHEN `p1_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p1_1_y`,
                                    CASE WHEN `p1_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^([0-9]{4})'), '') AS INT64) END AS `p1_2_y`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p1_2_mo`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p1_2_d`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p1_2_h`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p1_2_mi`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p1_2_s`,
                                    CASE
                                      WHEN `p1_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k1`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p1_2_f`,
                                    CASE WHEN `p1_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^([0-9]{4})'), '') AS INT64) END AS `p1_3_y`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p1_3_mo`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p1_3_d`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p1_3_h`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p1_3_mi`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k1`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p1_3_s`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k1`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p1_3_f`,
                                    CASE
                                      WHEN `p1_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k1`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p1_3_z`,
                                    CASE WHEN `p3_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^([0-9]{1,2})'), '') AS INT64) END AS `p3_0_d`,
                                    CASE
                                      WHEN `p3_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p3_0_mo`,
                                    CASE
                                      WHEN `p3_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p3_0_y`,
                                    CASE
                                      WHEN `p3_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p3_0_h`,
                                    CASE
                                      WHEN `p3_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p3_0_mi`,
                                    CASE WHEN `p3_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^([0-9]{1,2})'), '') AS INT64) END AS `p3_1_d`,
                                    CASE
                                      WHEN `p3_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p3_1_mo`,
                                    CASE
                                      WHEN `p3_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p3_1_y`,
                                    CASE WHEN `p3_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^([0-9]{4})'), '') AS INT64) END AS `p3_2_y`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p3_2_mo`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p3_2_d`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p3_2_h`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p3_2_mi`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p3_2_s`,
                                    CASE
                                      WHEN `p3_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k3`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p3_2_f`,
                                    CASE WHEN `p3_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^([0-9]{4})'), '') AS INT64) END AS `p3_3_y`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p3_3_mo`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p3_3_d`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p3_3_h`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p3_3_mi`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k3`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p3_3_s`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k3`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p3_3_f`,
                                    CASE
                                      WHEN `p3_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k3`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p3_3_z`,
                                    CASE WHEN `p4_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^([0-9]{1,2})'), '') AS INT64) END AS `p4_0_d`,
                                    CASE
                                      WHEN `p4_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p4_0_mo`,
                                    CASE
                                      WHEN `p4_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p4_0_y`,
                                    CASE
                                      WHEN `p4_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p4_0_h`,
                                    CASE
                                      WHEN `p4_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p4_0_mi`,
                                    CASE WHEN `p4_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^([0-9]{1,2})'), '') AS INT64) END AS `p4_1_d`,
                                    CASE
                                      WHEN `p4_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p4_1_mo`,
                                    CASE
                                      WHEN `p4_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p4_1_y`,
                                    CASE WHEN `p4_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^([0-9]{4})'), '') AS INT64) END AS `p4_2_y`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p4_2_mo`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p4_2_d`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p4_2_h`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p4_2_mi`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p4_2_s`,
                                    CASE
                                      WHEN `p4_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k4`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p4_2_f`,
                                    CASE WHEN `p4_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^([0-9]{4})'), '') AS INT64) END AS `p4_3_y`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p4_3_mo`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p4_3_d`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p4_3_h`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p4_3_mi`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k4`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p4_3_s`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k4`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p4_3_f`,
                                    CASE
                                      WHEN `p4_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k4`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p4_3_z`,
                                    CASE WHEN `p5_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^([0-9]{1,2})'), '') AS INT64) END AS `p5_0_d`,
                                    CASE
                                      WHEN `p5_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p5_0_mo`,
                                    CASE
                                      WHEN `p5_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p5_0_y`,
                                    CASE
                                      WHEN `p5_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p5_0_h`,
                                    CASE
                                      WHEN `p5_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p5_0_mi`,
                                    CASE WHEN `p5_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^([0-9]{1,2})'), '') AS INT64) END AS `p5_1_d`,
                                    CASE
                                      WHEN `p5_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p5_1_mo`,
                                    CASE
                                      WHEN `p5_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p5_1_y`,
                                    CASE WHEN `p5_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^([0-9]{4})'), '') AS INT64) END AS `p5_2_y`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p5_2_mo`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p5_2_d`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p5_2_h`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p5_2_mi`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p5_2_s`,
                                    CASE
                                      WHEN `p5_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k5`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p5_2_f`,
                                    CASE WHEN `p5_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^([0-9]{4})'), '') AS INT64) END AS `p5_3_y`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p5_3_mo`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p5_3_d`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p5_3_h`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p5_3_mi`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k5`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p5_3_s`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k5`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p5_3_f`,
                                    CASE
                                      WHEN `p5_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k5`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p5_3_z`,
                                    CASE WHEN `p6_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^([0-9]{1,2})'), '') AS INT64) END AS `p6_0_d`,
                                    CASE
                                      WHEN `p6_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p6_0_mo`,
                                    CASE
                                      WHEN `p6_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p6_0_y`,
                                    CASE
                                      WHEN `p6_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p6_0_h`,
                                    CASE
                                      WHEN `p6_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p6_0_mi`,
                                    CASE WHEN `p6_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^([0-9]{1,2})'), '') AS INT64) END AS `p6_1_d`,
                                    CASE
                                      WHEN `p6_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p6_1_mo`,
                                    CASE
                                      WHEN `p6_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p6_1_y`,
                                    CASE WHEN `p6_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^([0-9]{4})'), '') AS INT64) END AS `p6_2_y`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p6_2_mo`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p6_2_d`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p6_2_h`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p6_2_mi`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p6_2_s`,
                                    CASE
                                      WHEN `p6_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k6`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p6_2_f`,
                                    CASE WHEN `p6_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^([0-9]{4})'), '') AS INT64) END AS `p6_3_y`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p6_3_mo`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p6_3_d`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p6_3_h`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p6_3_mi`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k6`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p6_3_s`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k6`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p6_3_f`,
                                    CASE
                                      WHEN `p6_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k6`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p6_3_z`,
                                    CASE WHEN `p7_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^([0-9]{1,2})'), '') AS INT64) END AS `p7_0_d`,
                                    CASE
                                      WHEN `p7_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p7_0_mo`,
                                    CASE
                                      WHEN `p7_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p7_0_y`,
                                    CASE
                                      WHEN `p7_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p7_0_h`,
                                    CASE
                                      WHEN `p7_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p7_0_mi`,
                                    CASE WHEN `p7_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^([0-9]{1,2})'), '') AS INT64) END AS `p7_1_d`,
                                    CASE
                                      WHEN `p7_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p7_1_mo`,
                                    CASE
                                      WHEN `p7_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p7_1_y`,
                                    CASE WHEN `p7_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^([0-9]{4})'), '') AS INT64) END AS `p7_2_y`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p7_2_mo`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p7_2_d`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p7_2_h`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p7_2_mi`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p7_2_s`,
                                    CASE
                                      WHEN `p7_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k7`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p7_2_f`,
                                    CASE WHEN `p7_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^([0-9]{4})'), '') AS INT64) END AS `p7_3_y`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p7_3_mo`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p7_3_d`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p7_3_h`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p7_3_mi`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k7`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p7_3_s`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k7`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p7_3_f`,
                                    CASE
                                      WHEN `p7_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k7`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p7_3_z`,
                                    CASE WHEN `p8_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^([0-9]{1,2})'), '') AS INT64) END AS `p8_0_d`,
                                    CASE
                                      WHEN `p8_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p8_0_mo`,
                                    CASE
                                      WHEN `p8_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p8_0_y`,
                                    CASE
                                      WHEN `p8_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p8_0_h`,
                                    CASE
                                      WHEN `p8_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p8_0_mi`,
                                    CASE WHEN `p8_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^([0-9]{1,2})'), '') AS INT64) END AS `p8_1_d`,
                                    CASE
                                      WHEN `p8_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p8_1_mo`,
                                    CASE
                                      WHEN `p8_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p8_1_y`,
                                    CASE WHEN `p8_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^([0-9]{4})'), '') AS INT64) END AS `p8_2_y`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p8_2_mo`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p8_2_d`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p8_2_h`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p8_2_mi`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p8_2_s`,
                                    CASE
                                      WHEN `p8_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k8`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p8_2_f`,
                                    CASE WHEN `p8_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^([0-9]{4})'), '') AS INT64) END AS `p8_3_y`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p8_3_mo`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p8_3_d`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p8_3_h`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p8_3_mi`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k8`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p8_3_s`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k8`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p8_3_f`,
                                    CASE
                                      WHEN `p8_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k8`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p8_3_z`,
                                    CASE WHEN `p9_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^([0-9]{1,2})'), '') AS INT64) END AS `p9_0_d`,
                                    CASE
                                      WHEN `p9_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p9_0_mo`,
                                    CASE
                                      WHEN `p9_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p9_0_y`,
                                    CASE
                                      WHEN `p9_0_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                    END AS `p9_0_h`,
                                    CASE
                                      WHEN `p9_0_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                        ''
                                      ) AS INT64)
                                    END AS `p9_0_mi`,
                                    CASE WHEN `p9_1_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^([0-9]{1,2})'), '') AS INT64) END AS `p9_1_d`,
                                    CASE
                                      WHEN `p9_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                    END AS `p9_1_mo`,
                                    CASE
                                      WHEN `p9_1_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                    END AS `p9_1_y`,
                                    CASE WHEN `p9_2_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^([0-9]{4})'), '') AS INT64) END AS `p9_2_y`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p9_2_mo`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p9_2_d`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p9_2_h`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p9_2_mi`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p9_2_s`,
                                    CASE
                                      WHEN `p9_2_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k9`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p9_2_f`,
                                    CASE WHEN `p9_3_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^([0-9]{4})'), '') AS INT64) END AS `p9_3_y`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-([0-9]{2})'), '') AS INT64)
                                    END AS `p9_3_mo`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-([0-9]{2})'), '') AS INT64)
                                    END AS `p9_3_d`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T]([0-9]{2}))?'), '') AS INT64)
                                    END AS `p9_3_h`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):([0-9]{2}))?'), '') AS INT64)
                                    END AS `p9_3_mi`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN SAFE_CAST(NULLIF(
                                        REGEXP_EXTRACT(`k9`, '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::([0-9]{2}))?)?'),
                                        ''
                                      ) AS INT64)
                                    END AS `p9_3_s`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k9`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.]([0-9]+))?)?)?'
                                        ),
                                        ''
                                      )
                                    END AS `p9_3_f`,
                                    CASE
                                      WHEN `p9_3_ok`
                                      THEN NULLIF(
                                        REGEXP_EXTRACT(
                                          `k9`,
                                          '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)'
                                        ),
                                        ''
                                      )
                                    END AS `p9_3_z`
                                  FROM (
                                    SELECT
                                      `_id`,
                                      CASE
                                        WHEN LENGTH(`k0`) <= 300
                                        AND REGEXP_CONTAINS(`k0`, '^(?:[+-]?(?:[0-9]{1,3}(?:[.  ][0-9]{3})+|[0-9]+)(?:,[0-9]+)?|[+-]?,[0-9]+)$')
                                        THEN SAFE_CAST(REPLACE(REPLACE(REPLACE(REPLACE(`k0`, '.', ''), ' ', ''), ' ', ''), ',', '.') AS FLOAT64)
                                      END AS `v0`,
                                      REGEXP_CONTAINS(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p1_0_ok`,
                                      REGEXP_CONTAINS(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p1_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k1`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p1_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k1`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p1_3_ok`,
                                      `k2` AS `v2`,
                                      REGEXP_CONTAINS(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p3_0_ok`,
                                      REGEXP_CONTAINS(`k3`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p3_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k3`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p3_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k3`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p3_3_ok`,
                                      REGEXP_CONTAINS(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p4_0_ok`,
                                      REGEXP_CONTAINS(`k4`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p4_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k4`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p4_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k4`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p4_3_ok`,
                                      REGEXP_CONTAINS(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p5_0_ok`,
                                      REGEXP_CONTAINS(`k5`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p5_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k5`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p5_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k5`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p5_3_ok`,
                                      REGEXP_CONTAINS(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p6_0_ok`,
                                      REGEXP_CONTAINS(`k6`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p6_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k6`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p6_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k6`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p6_3_ok`,
                                      REGEXP_CONTAINS(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p7_0_ok`,
                                      REGEXP_CONTAINS(`k7`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p7_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k7`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p7_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k7`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p7_3_ok`,
                                      REGEXP_CONTAINS(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p8_0_ok`,
                                      REGEXP_CONTAINS(`k8`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p8_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k8`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p8_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k8`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p8_3_ok`,
                                      REGEXP_CONTAINS(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p9_0_ok`,
                                      REGEXP_CONTAINS(`k9`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})$') AS `p9_1_ok`,
                                      REGEXP_CONTAINS(
                                        `k9`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)?$'
                                      ) AS `p9_2_ok`,
                                      REGEXP_CONTAINS(
                                        `k9`,
                                        '^(?:[0-9]{4})-(?:[0-9]{2})-(?:[0-9]{2})(?:[ T](?:[0-9]{2}):(?:[0-9]{2})(?::(?:[0-9]{2})(?:[.](?:[0-9]+))?)?)? ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$'
                                      ) AS `p9_3_ok`,
                                      `k10` AS `v10`,
                                      `k11` AS `v11`,
                                      CASE
                                        WHEN LENGTH(`k12`) <= 300
                                        AND REGEXP_CONTAINS(`k12`, '^(?:[+-]?(?:[0-9]{1,3}(?:[.  ][0-9]{3})+|[0-9]+)(?:,[0-9]+)?|[+-]?,[0-9]+)$')
                                        THEN SAFE_CAST(REPLACE(REPLACE(REPLACE(REPLACE(`k12`, '.', ''), ' ', ''), ' ', ''), ',', '.') AS FLOAT64)
                                      END AS `v12`,
                                      `k13` AS `v13`,
                                      `k14` AS `v14`,
                                      CASE
                                        WHEN LENGTH(`k15`) <= 300
                                        AND REGEXP_CONTAINS(`k15`, '^(?:[+-]?(?:[0-9]{1,3}(?:[.  ][0-9]{3})+|[0-9]+)(?:,[0-9]+)?|[+-]?,[0-9]+)$')
                                        THEN SAFE_CAST(REPLACE(REPLACE(REPLACE(REPLACE(`k15`, '.', ''), ' ', ''), ' ', ''), ',', '.') AS FLOAT64)
                                      END AS `v15`,
                                      CASE
                                        WHEN LOWER(`k16`) IN ('true', 'yes', 'y', 'sim', 's', '1', 'x', 'verdadeiro')
                                        THEN TRUE
                                        WHEN LOWER(`k16`) IN ('false', 'no', 'n', 'não', 'nao', '0', 'falso')
                                        THEN FALSE
                                      END AS `v16`,
                                      `k17` AS `v17`,
                                      `k18` AS `v18`,
                                      `k19` AS `v19`,
                                      `k1`,
                                      `k3`,
                                      `k4`,
                                      `k5`,
                                      `k6`,
                                      `k7`,
                                      `k8`,
                                      `k9`
                                    FROM (
                                      SELECT
                                        CASE
                                          WHEN LOWER(TRIM(`Aberturas de e-mail`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Aberturas de e-mail`, '  ')
                                        END AS `k0`,
                                        CASE
                                          WHEN LOWER(TRIM(`Última atividade`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Última atividade`, '  ')
                                        END AS `k1`,
                                        CASE
                                          WHEN LOWER(TRIM(`Estágio no funil`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Estágio no funil`, '  ')
                                        END AS `k2`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data de criação`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data de criação`, '  ')
                                        END AS `k3`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data de qualificação`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data de qualificação`, '  ')
                                        END AS `k4`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data SQL`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data SQL`, '  ')
                                        END AS `k5`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data da oportunidade`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data da oportunidade`, '  ')
                                        END AS `k6`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data da venda`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data da venda`, '  ')
                                        END AS `k7`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data da perda`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data da perda`, '  ')
                                        END AS `k8`,
                                        CASE
                                          WHEN LOWER(TRIM(`Data de devolução`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Data de devolução`, '  ')
                                        END AS `k9`,
                                        CASE
                                          WHEN LOWER(TRIM(`Motivo da devolução`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Motivo da devolução`, '  ')
                                        END AS `k10`,
                                        CASE
                                          WHEN LOWER(TRIM(`Cargo`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Cargo`, '  ')
                                        END AS `k11`,
                                        CASE
                                          WHEN LOWER(TRIM(`Funcionários`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Funcionários`, '  ')
                                        END AS `k12`,
                                        CASE
                                          WHEN LOWER(TRIM(`Setor`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Setor`, '  ')
                                        END AS `k13`,
                                        CASE
                                          WHEN LOWER(TRIM(`Email`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Email`, '  ')
                                        END AS `k14`,
                                        CASE
                                          WHEN LOWER(TRIM(`Visitas à página de preços`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Visitas à página de preços`, '  ')
                                        END AS `k15`,
                                        CASE
                                          WHEN LOWER(TRIM(`Pediu demonstração`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Pediu demonstração`, '  ')
                                        END AS `k16`,
                                        CASE
                                          WHEN LOWER(TRIM(`Origem`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Origem`, '  ')
                                        END AS `k17`,
                                        CASE WHEN LOWER(TRIM(`ID`, '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM(`ID`, '  ') END AS `k18`,
                                        CASE
                                          WHEN LOWER(TRIM(`Dono do Lead`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                          THEN NULL
                                          ELSE TRIM(`Dono do Lead`, '  ')
                                        END AS `k19`,
                                        CASE WHEN LOWER(TRIM(`ID`, '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM(`ID`, '  ') END AS `_id`
                                      FROM crm.leads
                                    ) AS `c1`
                                  ) AS `c2a`
                                ) AS `c2`
                              ) AS `c3`
                            ) AS `c4`
                          ) AS `c5`
                        ) AS `c6`
                      ) AS `c7`
                      LEFT JOIN `leadsla_zone` AS `z1`
                        ON `z1`.`yr` = `q1_yr`
                      LEFT JOIN `leadsla_zone` AS `z3`
                        ON `z3`.`yr` = `q3_yr`
                      LEFT JOIN `leadsla_zone` AS `z4`
                        ON `z4`.`yr` = `q4_yr`
                      LEFT JOIN `leadsla_zone` AS `z5`
                        ON `z5`.`yr` = `q5_yr`
                      LEFT JOIN `leadsla_zone` AS `z6`
                        ON `z6`.`yr` = `q6_yr`
                      LEFT JOIN `leadsla_zone` AS `z7`
                        ON `z7`.`yr` = `q7_yr`
                      LEFT JOIN `leadsla_zone` AS `z8`
                        ON `z8`.`yr` = `q8_yr`
                      LEFT JOIN `leadsla_zone` AS `z9`
                        ON `z9`.`yr` = `q9_yr`
                    ) AS `c8`
                  ) AS `leads`
                ) AS `l0`
              ) AS `l1`
            ) AS `l2`
          ) AS `l3`
        ) AS `l4`
      ) AS `l5`
    ) AS `l6`
  ) AS `d`
) AS `s`
ORDER BY
  `s`.`score` DESC,
  `s`.`id` NULLS LAST,
  `s`.`fit` NULLS LAST,
  `s`.`grade` NULLS LAST,
  `s`.`engagement` NULLS LAST,
  `s`.`qualification` NULLS LAST,
  `s`.`reason` NULLS LAST,
  `s`.`funnel_stage` NULLS LAST;
