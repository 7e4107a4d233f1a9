-- leadsla <version> compile --dialect snowflake --what scores
-- as of 2026-11-23T12:00:00+09:00; columns: id, fit, grade, engagement, score, qualification, reason, funnel_stage
WITH "leadsla_zone" AS (
  SELECT * FROM (VALUES (1948, 32400, -1000000000000, -683769600, 36000, -683802000, -672274800, 32400, -672310800),
  (1949, 32400, -672310800, -654739200, 36000, -654771600, -640825200, 32400, -640861200),
  (1950, 32400, -640861200, -620265600, 36000, -620298000, -609375600, 32400, -609411600),
  (1951, 32400, -609411600, -588816000, 36000, -588848400, -577926000, 32400, -577962000)) AS "z"("yr", "o0", "a0", "w1", "o1", "a1", "w2", "o2", "a2")
)
SELECT
  *
FROM (
  SELECT
    "_lead" AS "id",
    "f6" AS "fit",
    "f9" AS "grade",
    "f7" AS "engagement",
    "f8" AS "score",
    "f10" AS "qualification",
    "reason" AS "reason",
    "f11" AS "funnel_stage"
  FROM (
    SELECT
      *,
      CASE
        WHEN NOT "reason" IS NULL
        THEN 'disqualified'
        WHEN COALESCE(LOWER("f9") = 'a', FALSE)
        THEN 'mql'
        ELSE 'not_qualified'
      END AS "f10"
    FROM (
      SELECT
        *,
        CAST(NULL AS VARCHAR) AS "reason"
      FROM (
        SELECT
          *,
          CASE WHEN "f6" >= 50.0e0 THEN 'A' WHEN "f6" >= 30.0e0 THEN 'B' ELSE 'D' END AS "f9",
          (
            "f6" + "f7"
          ) AS "f8"
        FROM (
          SELECT
            *,
            (
              (
                (
                  (
                    "_fit_0" + "_fit_1"
                  ) + "_fit_2"
                ) + "_fit_3"
              ) + "_fit_4"
            ) AS "f6",
            (
              0.0e0 * 1.0e0
            ) AS "f7",
            1.0e0 AS "_decay",
            0.0e0 AS "_engagement_raw"
          FROM (
            SELECT
              *,
              CASE WHEN COALESCE(REGEXP_INSTR(LOWER("f1"), '\\bceo\\b') > 0, FALSE) THEN 30.0e0 ELSE 0.0e0 END AS "_fit_0",
              CASE WHEN COALESCE(LOWER("f2") = 'saas' OR LOWER("f2") = 'ti', FALSE) THEN 20.0e0 ELSE 0.0e0 END AS "_fit_1",
              CASE WHEN COALESCE(RIGHT(LOWER("f3"), 10) = '@gmail.com', FALSE) THEN -10.0e0 ELSE 0.0e0 END AS "_fit_2",
              CASE WHEN COALESCE("f4" BETWEEN 50.0e0 AND 1000.0e0, FALSE) THEN 20.0e0 ELSE 0.0e0 END AS "_fit_3",
              CASE WHEN COALESCE("f0" >= 1792810800.0e0 AND "f0" <= 1795402800.0e0, FALSE) THEN 10.0e0 ELSE 0.0e0 END AS "_fit_4"
            FROM (
              SELECT
                *,
                CAST(NULL AS VARCHAR) AS "f11"
              FROM (
                SELECT
                  CAST(NULL AS BIGINT) AS "_row",
                  "_id" AS "_lead",
                  CASE WHEN "f0" <= 1795402800.0e0 THEN "f0" END AS "f0",
                  "f1",
                  "f2",
                  "f3",
                  "f4",
                  "f5"
                FROM (
                  SELECT
                    "_id",
                    CASE WHEN "t0" >= -2209039200 AND "t0" < 4102488000 THEN "t0" END AS "f0",
                    "v1" AS "f1",
                    "v2" AS "f2",
                    "v3" AS "f3",
                    "v4" AS "f4",
                    "v5" AS "f5"
                  FROM (
                    SELECT
                      "_id",
                      "v1",
                      "v2",
                      "v3",
                      "v4",
                      "v5",
                      CASE
                        WHEN "win0" IN (0)
                        THEN CASE
                          WHEN "q0_yr" < 1948
                          THEN "wall0" - 32400
                          WHEN "q0_yr" > 1951
                          THEN CASE WHEN "wall0" - 32400 < -577962000 THEN -577962000 ELSE "wall0" - 32400 END
                          ELSE CASE
                            WHEN (
                              "z0"."w1" IS NULL OR "wall0" < "z0"."w1"
                            )
                            THEN CASE WHEN "wall0" - "z0"."o0" < "z0"."a0" THEN "z0"."a0" ELSE "wall0" - "z0"."o0" END
                            WHEN (
                              "z0"."w2" IS NULL OR "wall0" < "z0"."w2"
                            )
                            THEN CASE WHEN "wall0" - "z0"."o1" < "z0"."a1" THEN "z0"."a1" ELSE "wall0" - "z0"."o1" END
                            ELSE CASE WHEN "wall0" - "z0"."o2" < "z0"."a2" THEN "z0"."a2" ELSE "wall0" - "z0"."o2" END
                          END
                        END
                      END AS "t0"
                    FROM (
                      SELECT
                        *,
                        (
                          (
                            "q0_yr" - 1970
                          ) * 365 + (
                            FLOOR((
                              "q0_yr" - 1
                            ) / 4) - FLOOR((
                              "q0_yr" - 1
                            ) / 100) + FLOOR((
                              "q0_yr" - 1
                            ) / 400) - 477
                          ) + (
                            FLOOR((
                              367 * "q0_mo" - 362
                            ) / 12) + CASE
                              WHEN "q0_mo" > 2
                              THEN CASE
                                WHEN (
                                  MOD("q0_yr", 4) = 0 AND MOD("q0_yr", 100) <> 0
                                ) OR MOD("q0_yr", 400) = 0
                                THEN -1
                                ELSE -2
                              END
                              ELSE 0
                            END
                          ) + (
                            "q0_d" - 1
                          )
                        ) * 86400 + (
                          COALESCE("q0_h", 0) * 3600 + COALESCE("q0_mi", 0) * 60 + 0
                        ) AS "wall0"
                      FROM (
                        SELECT
                          *,
                          CASE WHEN "win0" = 0 THEN "yr0_0" END AS "q0_yr",
                          CASE WHEN "win0" = 0 THEN "p0_0_d" END AS "q0_d",
                          CASE WHEN "win0" = 0 THEN "p0_0_h" END AS "q0_h",
                          CASE WHEN "win0" = 0 THEN "p0_0_mi" END AS "q0_mi",
                          CASE WHEN "win0" = 0 THEN "p0_0_mo" END AS "q0_mo"
                        FROM (
                          SELECT
                            *,
                            CASE WHEN "g0_0" THEN 0 END AS "win0"
                          FROM (
                            SELECT
                              *,
                              "p0_0_ok"
                              AND "yr0_0" >= 1000
                              AND "p0_0_mo" BETWEEN 1 AND 12
                              AND "p0_0_d" BETWEEN 1 AND CASE
                                WHEN "p0_0_mo" = 2
                                THEN CASE
                                  WHEN (
                                    MOD("yr0_0", 4) = 0 AND MOD("yr0_0", 100) <> 0
                                  ) OR MOD("yr0_0", 400) = 0
                                  THEN 29
                                  ELSE 28
                                END
                                WHEN "p0_0_mo" IN (4, 6, 9, 11)
                                THEN 30
                                ELSE 31
                              END
                              AND COALESCE("p0_0_h", 0) <= 23
                              AND COALESCE("p0_0_mi", 0) <= 59 AS "g0_0"
                            FROM (
                              SELECT
                                *,
                                "p0_0_y" AS "yr0_0"
                              FROM (
                                SELECT
                                  *,
                                  CASE
                                    WHEN "p0_0_ok"
                                    THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k0", '^([0-9]{1,2})', 1, 1, 'e', 1), ''))
                                  END AS "p0_0_d",
                                  CASE
                                    WHEN "p0_0_ok"
                                    THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})', 1, 1, 'e', 2), ''))
                                  END AS "p0_0_mo",
                                  CASE
                                    WHEN "p0_0_ok"
                                    THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})', 1, 1, 'e', 3), ''))
                                  END AS "p0_0_y",
                                  CASE
                                    WHEN "p0_0_ok"
                                    THEN TRY_TO_NUMBER(
                                      NULLIF(
                                        REGEXP_SUBSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2})', 1, 1, 'e', 4),
                                        ''
                                      )
                                    )
                                  END AS "p0_0_h",
                                  CASE
                                    WHEN "p0_0_ok"
                                    THEN TRY_TO_NUMBER(
                                      NULLIF(
                                        REGEXP_SUBSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2}):([0-9]{1,2})', 1, 1, 'e', 5),
                                        ''
                                      )
                                    )
                                  END AS "p0_0_mi"
                                FROM (
                                  SELECT
                                    "_id",
                                    REGEXP_INSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2}):([0-9]{1,2})$') > 0 AS "p0_0_ok",
                                    "k1" AS "v1",
                                    "k2" AS "v2",
                                    "k3" AS "v3",
                                    CASE
                                      WHEN LENGTH("k4") <= 300
                                      AND REGEXP_INSTR("k4", '^([+-]?([0-9]{1,3}([,  ][0-9]{3})+|[0-9]+)([.][0-9]+)?|[+-]?[.][0-9]+)$') > 0
                                      THEN TRY_TO_DOUBLE(REPLACE(REPLACE(REPLACE("k4", ',', ''), ' ', ''), ' ', ''))
                                    END AS "v4",
                                    "k5" AS "v5",
                                    "k0"
                                  FROM (
                                    SELECT
                                      CASE
                                        WHEN LOWER(TRIM("created_at", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM("created_at", '  ')
                                      END AS "k0",
                                      CASE
                                        WHEN LOWER(TRIM("Title", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM("Title", '  ')
                                      END AS "k1",
                                      CASE
                                        WHEN LOWER(TRIM("industry", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM("industry", '  ')
                                      END AS "k2",
                                      CASE
                                        WHEN LOWER(TRIM("Email", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM("Email", '  ')
                                      END AS "k3",
                                      CASE
                                        WHEN LOWER(TRIM("Size", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM("Size", '  ')
                                      END AS "k4",
                                      CASE WHEN LOWER(TRIM("ID", '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM("ID", '  ') END AS "k5",
                                      CASE WHEN LOWER(TRIM("ID", '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM("ID", '  ') END AS "_id"
                                    FROM crm.leads
                                  ) AS "c1"
                                ) AS "c2a"
                              ) AS "c2"
                            ) AS "c3"
                          ) AS "c4"
                        ) AS "c5"
                      ) AS "c6"
                    ) AS "c7"
                    LEFT JOIN "leadsla_zone" AS "z0"
                      ON "z0"."yr" = "q0_yr"
                  ) AS "c8"
                ) AS "leads"
              ) AS "l1"
            ) AS "l2"
          ) AS "l3"
        ) AS "l4"
      ) AS "l5"
    ) AS "l6"
  ) AS "d"
) AS "s"
ORDER BY
  "s"."score" DESC NULLS LAST,
  "s"."id",
  "s"."fit",
  "s"."grade",
  "s"."engagement",
  "s"."qualification",
  "s"."reason",
  "s"."funnel_stage";
