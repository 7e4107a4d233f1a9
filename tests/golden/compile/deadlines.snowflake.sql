-- leadsla <version> compile --dialect snowflake --what deadlines
-- as of 2026-11-23T12:00:00+09:00; columns: lead, rule, team, owner, status, tier, start, due, stopped, stopped_by, target_minutes, elapsed_minutes, overdue_minutes, left_minutes
WITH "leadsla_windows" AS (
  SELECT * FROM (VALUES (-1, 1794754800, 1794754800, 0, 0, -1, 1794787200),
  (0, 1794787200, 1794819600, 0, 32400, 0, 1794873600),
  (1, 1794873600, 1794906000, 32400, 32400, 1, 1794960000),
  (2, 1794960000, 1794992400, 64800, 32400, 2, 1795046400),
  (3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (4, 1795392000, 1795424400, 129600, 32400, 4, 1795478400),
  (5, 1795478400, 1795510800, 162000, 32400, 5, 1795564800),
  (6, 1795564800, 1795597200, 194400, 32400, 6, 1795651200),
  (7, 1795651200, 1795683600, 226800, 32400, 7, 1795737600),
  (8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (9, 1795996800, 1796029200, 291600, 32400, 9, 1796050800)) AS "w"("wi", "w_start", "w_end", "before", "len", "day_idx", "next_start")
),
"leadsla_windows_by_day" AS (
  SELECT * FROM (VALUES (20772, -1, 1794754800, 1794754800, 0, 0, -1, 1794787200),
  (20773, 0, 1794787200, 1794819600, 0, 32400, 0, 1794873600),
  (20774, 1, 1794873600, 1794906000, 32400, 32400, 1, 1794960000),
  (20775, 2, 1794960000, 1794992400, 64800, 32400, 2, 1795046400),
  (20776, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (20777, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (20778, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (20779, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (20780, 4, 1795392000, 1795424400, 129600, 32400, 4, 1795478400),
  (20781, 5, 1795478400, 1795510800, 162000, 32400, 5, 1795564800),
  (20782, 6, 1795564800, 1795597200, 194400, 32400, 6, 1795651200),
  (20783, 7, 1795651200, 1795683600, 226800, 32400, 7, 1795737600),
  (20784, 8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (20785, 8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (20786, 8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (20787, 9, 1795996800, 1796029200, 291600, 32400, 9, 1796050800)) AS "w"("bucket", "wi", "w_start", "w_end", "before", "len", "day_idx", "next_start")
),
"leadsla_windows_by_position" AS (
  SELECT * FROM (VALUES (0, 0, 1794787200, 1794819600, 0, 32400, 0, 1794873600),
  (1, 0, 1794787200, 1794819600, 0, 32400, 0, 1794873600),
  (1, 1, 1794873600, 1794906000, 32400, 32400, 1, 1794960000),
  (2, 1, 1794873600, 1794906000, 32400, 32400, 1, 1794960000),
  (2, 2, 1794960000, 1794992400, 64800, 32400, 2, 1795046400),
  (3, 2, 1794960000, 1794992400, 64800, 32400, 2, 1795046400),
  (3, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (4, 3, 1795046400, 1795078800, 97200, 32400, 3, 1795392000),
  (4, 4, 1795392000, 1795424400, 129600, 32400, 4, 1795478400),
  (5, 4, 1795392000, 1795424400, 129600, 32400, 4, 1795478400),
  (5, 5, 1795478400, 1795510800, 162000, 32400, 5, 1795564800),
  (6, 5, 1795478400, 1795510800, 162000, 32400, 5, 1795564800),
  (6, 6, 1795564800, 1795597200, 194400, 32400, 6, 1795651200),
  (7, 6, 1795564800, 1795597200, 194400, 32400, 6, 1795651200),
  (7, 7, 1795651200, 1795683600, 226800, 32400, 7, 1795737600),
  (8, 7, 1795651200, 1795683600, 226800, 32400, 7, 1795737600),
  (9, 7, 1795651200, 1795683600, 226800, 32400, 7, 1795737600),
  (9, 8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (10, 8, 1795737600, 1795770000, 259200, 32400, 8, 1795996800),
  (10, 9, 1795996800, 1796029200, 291600, 32400, 9, 1796050800),
  (11, 9, 1795996800, 1796029200, 291600, 32400, 9, 1796050800)) AS "w"("bucket", "wi", "w_start", "w_end", "before", "len", "day_idx", "next_start")
),
"leadsla_days" AS (
  SELECT * FROM (VALUES (0, 1794819600, 32400),
  (1, 1794906000, 64800),
  (2, 1794992400, 97200),
  (3, 1795078800, 129600),
  (4, 1795424400, 162000),
  (5, 1795510800, 194400),
  (6, 1795597200, 226800),
  (7, 1795683600, 259200),
  (8, 1795770000, 291600),
  (9, 1796029200, 324000)) AS "b"("idx", "close", "close_pos")
),
"leadsla_zone" AS (
  SELECT * FROM (VALUES (1948, 32400, -1000000000000, -683769600, 36000, -683802000, -672274800, 32400, -672310800),
  (1949, 32400, -672310800, -654739200, 36000, -654771600, -640825200, 32400, -640861200),
  (1950, 32400, -640861200, -620265600, 36000, -620298000, -609375600, 32400, -609411600),
  (1951, 32400, -609411600, -588816000, 36000, -588848400, -577926000, 32400, -577962000)) AS "z"("yr", "o0", "a0", "w1", "o1", "a1", "w2", "o2", "a2")
)
SELECT
  *
FROM (
  SELECT
    "p"."lead" AS "lead",
    "p"."rule" AS "rule",
    "p"."team" AS "team",
    "p"."owner" AS "owner",
    CASE
      WHEN "p"."early_met" AND NOT "p"."early" IS NULL
      THEN 'met'
      WHEN NOT "p"."stop" IS NULL
      THEN CASE WHEN "p"."stop" <= "p"."due" THEN 'met' ELSE 'met_late' END
      WHEN "p"."due" IS NULL
      THEN 'on_track'
      WHEN "p"."t_asof" >= "p"."due"
      THEN 'breached'
      WHEN NOT "p"."risk_share" IS NULL
      AND "p"."p_asof" - "p"."p_start" >= "p"."risk_share" * (
        "p"."p_due" - "p"."p_start"
      )
      THEN 'at_risk'
      WHEN NOT "p"."risk_left_s" IS NULL AND "p"."p_due" - "p"."p_asof" <= "p"."risk_left_s"
      THEN 'at_risk'
      ELSE 'on_track'
    END AS "status",
    "p"."tier" AS "tier",
    TO_TIMESTAMP_TZ(CAST(ROUND("p"."start" * 1000000.0e0) AS BIGINT), 6) AS "start",
    TO_TIMESTAMP_TZ(CAST(ROUND("p"."due" * 1000000.0e0) AS BIGINT), 6) AS "due",
    TO_TIMESTAMP_TZ(
      CAST(ROUND(
        CASE WHEN "p"."early_met" AND NOT "p"."early" IS NULL THEN "p"."early" ELSE "p"."stop" END * 1000000.0e0
      ) AS BIGINT),
      6
    ) AS "stopped",
    CASE
      WHEN "p"."early_met" AND NOT "p"."early" IS NULL
      THEN CASE WHEN "p"."rule_idx" = 0 AND "p"."early_by" = 0 THEN 'contacted_at' END
      ELSE CASE WHEN "p"."rule_idx" = 0 AND "p"."stop_by" = 0 THEN 'contacted_at' END
    END AS "stopped_by",
    (
      "p"."p_due" - "p"."p_start"
    ) / 60.0e0 AS "target_minutes",
    CASE
      WHEN "p"."early_met" AND NOT "p"."early" IS NULL
      THEN 0.0e0
      ELSE (
        COALESCE("p"."p_stop", "p"."p_asof") - "p"."p_start"
      ) / 60.0e0
    END AS "elapsed_minutes",
    CASE
      WHEN "p"."early_met" AND NOT "p"."early" IS NULL
      THEN 0.0e0
      ELSE GREATEST(0, COALESCE(COALESCE("p"."p_stop", "p"."p_asof") - "p"."p_due", 0)) / 60.0e0
    END AS "overdue_minutes",
    CASE
      WHEN "p"."stop" IS NULL
      AND NOT (
        "p"."early_met" AND NOT "p"."early" IS NULL
      )
      AND "p"."t_asof" < "p"."due"
      THEN (
        "p"."p_due" - "p"."p_asof"
      ) / 60.0e0
    END AS "left_minutes"
  FROM (
    SELECT
      "g".*,
      CASE
        WHEN NOT "g"."business"
        THEN "g"."start" + "g"."target_s"
        WHEN CASE
          WHEN "g"."target_s" = 0
          THEN "we"."w_start" + (
            "g"."p_start" - "we"."before"
          )
          WHEN "g"."target_s" > 0
          THEN "wm"."w_start" + (
            "g"."p_start" + "g"."target_s" - "wm"."before"
          )
          ELSE "bd"."close"
        END IS NULL
        THEN CAST('leadsla: a follow-up is due past the end of the business calendar this script holds; compile it again with a later --to; its start (seconds since 1970): ' || CAST("g"."start" AS VARCHAR) AS BIGINT)
        ELSE CASE
          WHEN "g"."target_s" = 0
          THEN "we"."w_start" + (
            "g"."p_start" - "we"."before"
          )
          WHEN "g"."target_s" > 0
          THEN "wm"."w_start" + (
            "g"."p_start" + "g"."target_s" - "wm"."before"
          )
          ELSE "bd"."close"
        END
      END AS "due",
      CASE
        WHEN NOT "g"."business"
        THEN "g"."start" + "g"."target_s"
        ELSE CASE
          WHEN "g"."target_s" = 0
          THEN "g"."p_start"
          WHEN "g"."target_s" > 0
          THEN "g"."p_start" + "g"."target_s"
          ELSE "bd"."close_pos"
        END
      END AS "p_due"
    FROM (
      SELECT
        "f".*,
        CASE
          WHEN NOT "f"."business"
          THEN "f"."start"
          WHEN NOT (
            "f"."start" >= 1794754800 AND "f"."start" < 1796050800
          )
          THEN CAST('leadsla: a follow-up starts outside the business calendar this script holds; compile it again with --from and --to around it; the start (seconds since 1970): ' || CAST("f"."start" AS VARCHAR) AS BIGINT)
          ELSE "ws"."before" + LEAST(COALESCE("f"."start" - "ws"."w_start", "ws"."len"), COALESCE("ws"."len", "f"."start" - "ws"."w_start"))
        END AS "p_start",
        CASE
          WHEN NOT "f"."business"
          THEN "f"."stop"
          ELSE "wt"."before" + LEAST(COALESCE("f"."stop" - "wt"."w_start", "wt"."len"), COALESCE("wt"."len", "f"."stop" - "wt"."w_start"))
        END AS "p_stop",
        CASE
          WHEN NOT "f"."business"
          THEN 1795402800.0e0
          ELSE "wa"."before" + LEAST(
            COALESCE(1795402800.0e0 - "wa"."w_start", "wa"."len"),
            COALESCE("wa"."len", 1795402800.0e0 - "wa"."w_start")
          )
        END AS "p_asof",
        1795402800.0e0 AS "t_asof",
        CASE WHEN "f"."start" < "ws"."w_end" THEN "ws"."wi" ELSE "ws"."wi" + 1 END AS "eff_wi"
      FROM (
        SELECT
          *,
          CASE "rule_idx" WHEN 0 THEN 'contact' END AS "rule",
          CASE "rule_idx" WHEN 0 THEN 'sales' END AS "team",
          CASE "rule_idx" WHEN 0 THEN TRUE END AS "business",
          CASE "rule_idx" WHEN 0 THEN FALSE END AS "early_met",
          CAST(CASE "rule_idx" WHEN 0 THEN NULL END AS DOUBLE) AS "risk_share",
          CAST(CASE "rule_idx" WHEN 0 THEN NULL END AS BIGINT) AS "risk_left_s"
        FROM (
          WITH "_leads_derived" AS (
            SELECT
              *,
              CASE WHEN NOT "reason" IS NULL THEN 'disqualified' WHEN FALSE THEN 'mql' ELSE 'not_qualified' END AS "f7"
            FROM (
              SELECT
                *,
                CAST(NULL AS VARCHAR) AS "reason"
              FROM (
                SELECT
                  *,
                  CASE WHEN "f3" >= 50.0e0 THEN 'A' WHEN "f3" >= 30.0e0 THEN 'B' ELSE 'D' END AS "f6",
                  (
                    "f3" + "f4"
                  ) AS "f5"
                FROM (
                  SELECT
                    *,
                    0.0e0 AS "f3",
                    (
                      0.0e0 * 1.0e0
                    ) AS "f4",
                    1.0e0 AS "_decay",
                    0.0e0 AS "_engagement_raw"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        *,
                        CAST(NULL AS VARCHAR) AS "f8"
                      FROM (
                        SELECT
                          CAST(NULL AS BIGINT) AS "_row",
                          "_id" AS "_lead",
                          CASE WHEN "f0" <= 1795402800.0e0 THEN "f0" END AS "f0",
                          CASE WHEN "f1" <= 1795402800.0e0 THEN "f1" END AS "f1",
                          "f2"
                        FROM (
                          SELECT
                            "_id",
                            CASE WHEN "t0" >= -2209039200 AND "t0" < 4102488000 THEN "t0" END AS "f0",
                            CASE WHEN "t1" >= -2209039200 AND "t1" < 4102488000 THEN "t1" END AS "f1",
                            "v2" AS "f2"
                          FROM (
                            SELECT
                              "_id",
                              "v2",
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
                              END AS "t0",
                              CASE
                                WHEN "win1" IN (0)
                                THEN CASE
                                  WHEN "q1_yr" < 1948
                                  THEN "wall1" - 32400
                                  WHEN "q1_yr" > 1951
                                  THEN CASE WHEN "wall1" - 32400 < -577962000 THEN -577962000 ELSE "wall1" - 32400 END
                                  ELSE CASE
                                    WHEN (
                                      "z1"."w1" IS NULL OR "wall1" < "z1"."w1"
                                    )
                                    THEN CASE WHEN "wall1" - "z1"."o0" < "z1"."a0" THEN "z1"."a0" ELSE "wall1" - "z1"."o0" END
                                    WHEN (
                                      "z1"."w2" IS NULL OR "wall1" < "z1"."w2"
                                    )
                                    THEN CASE WHEN "wall1" - "z1"."o1" < "z1"."a1" THEN "z1"."a1" ELSE "wall1" - "z1"."o1" END
                                    ELSE CASE WHEN "wall1" - "z1"."o2" < "z1"."a2" THEN "z1"."a2" ELSE "wall1" - "z1"."o2" END
                                  END
                                END
                              END AS "t1"
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
                                ) AS "wall0",
                                (
                                  (
                                    "q1_yr" - 1970
                                  ) * 365 + (
                                    FLOOR((
                                      "q1_yr" - 1
                                    ) / 4) - FLOOR((
                                      "q1_yr" - 1
                                    ) / 100) + FLOOR((
                                      "q1_yr" - 1
                                    ) / 400) - 477
                                  ) + (
                                    FLOOR((
                                      367 * "q1_mo" - 362
                                    ) / 12) + CASE
                                      WHEN "q1_mo" > 2
                                      THEN CASE
                                        WHEN (
                                          MOD("q1_yr", 4) = 0 AND MOD("q1_yr", 100) <> 0
                                        ) OR MOD("q1_yr", 400) = 0
                                        THEN -1
                                        ELSE -2
                                      END
                                      ELSE 0
                                    END
                                  ) + (
                                    "q1_d" - 1
                                  )
                                ) * 86400 + (
                                  COALESCE("q1_h", 0) * 3600 + COALESCE("q1_mi", 0) * 60 + 0
                                ) AS "wall1"
                              FROM (
                                SELECT
                                  *,
                                  CASE WHEN "win0" = 0 THEN "yr0_0" END AS "q0_yr",
                                  CASE WHEN "win0" = 0 THEN "p0_0_d" END AS "q0_d",
                                  CASE WHEN "win0" = 0 THEN "p0_0_h" END AS "q0_h",
                                  CASE WHEN "win0" = 0 THEN "p0_0_mi" END AS "q0_mi",
                                  CASE WHEN "win0" = 0 THEN "p0_0_mo" END AS "q0_mo",
                                  CASE WHEN "win1" = 0 THEN "yr1_0" END AS "q1_yr",
                                  CASE WHEN "win1" = 0 THEN "p1_0_d" END AS "q1_d",
                                  CASE WHEN "win1" = 0 THEN "p1_0_h" END AS "q1_h",
                                  CASE WHEN "win1" = 0 THEN "p1_0_mi" END AS "q1_mi",
                                  CASE WHEN "win1" = 0 THEN "p1_0_mo" END AS "q1_mo"
                                FROM (
                                  SELECT
                                    *,
                                    CASE WHEN "g0_0" THEN 0 END AS "win0",
                                    CASE WHEN "g1_0" THEN 0 END AS "win1"
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
                                      AND COALESCE("p0_0_mi", 0) <= 59 AS "g0_0",
                                      "p1_0_ok"
                                      AND "yr1_0" >= 1000
                                      AND "p1_0_mo" BETWEEN 1 AND 12
                                      AND "p1_0_d" BETWEEN 1 AND CASE
                                        WHEN "p1_0_mo" = 2
                                        THEN CASE
                                          WHEN (
                                            MOD("yr1_0", 4) = 0 AND MOD("yr1_0", 100) <> 0
                                          ) OR MOD("yr1_0", 400) = 0
                                          THEN 29
                                          ELSE 28
                                        END
                                        WHEN "p1_0_mo" IN (4, 6, 9, 11)
                                        THEN 30
                                        ELSE 31
                                      END
                                      AND COALESCE("p1_0_h", 0) <= 23
                                      AND COALESCE("p1_0_mi", 0) <= 59 AS "g1_0"
                                    FROM (
                                      SELECT
                                        *,
                                        "p0_0_y" AS "yr0_0",
                                        "p1_0_y" AS "yr1_0"
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
                                          END AS "p0_0_mi",
                                          CASE
                                            WHEN "p1_0_ok"
                                            THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k1", '^([0-9]{1,2})', 1, 1, 'e', 1), ''))
                                          END AS "p1_0_d",
                                          CASE
                                            WHEN "p1_0_ok"
                                            THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k1", '^([0-9]{1,2})/([0-9]{1,2})', 1, 1, 'e', 2), ''))
                                          END AS "p1_0_mo",
                                          CASE
                                            WHEN "p1_0_ok"
                                            THEN TRY_TO_NUMBER(NULLIF(REGEXP_SUBSTR("k1", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})', 1, 1, 'e', 3), ''))
                                          END AS "p1_0_y",
                                          CASE
                                            WHEN "p1_0_ok"
                                            THEN TRY_TO_NUMBER(
                                              NULLIF(
                                                REGEXP_SUBSTR("k1", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2})', 1, 1, 'e', 4),
                                                ''
                                              )
                                            )
                                          END AS "p1_0_h",
                                          CASE
                                            WHEN "p1_0_ok"
                                            THEN TRY_TO_NUMBER(
                                              NULLIF(
                                                REGEXP_SUBSTR("k1", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2}):([0-9]{1,2})', 1, 1, 'e', 5),
                                                ''
                                              )
                                            )
                                          END AS "p1_0_mi"
                                        FROM (
                                          SELECT
                                            "_id",
                                            REGEXP_INSTR("k0", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2}):([0-9]{1,2})$') > 0 AS "p0_0_ok",
                                            REGEXP_INSTR("k1", '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[\t\n\x0b\f\r ]+([0-9]{1,2}):([0-9]{1,2})$') > 0 AS "p1_0_ok",
                                            "k2" AS "v2",
                                            "k0",
                                            "k1"
                                          FROM (
                                            SELECT
                                              CASE
                                                WHEN LOWER(TRIM("created_at", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                                THEN NULL
                                                ELSE TRIM("created_at", '  ')
                                              END AS "k0",
                                              CASE
                                                WHEN LOWER(TRIM("contacted_at", '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                                THEN NULL
                                                ELSE TRIM("contacted_at", '  ')
                                              END AS "k1",
                                              CASE WHEN LOWER(TRIM("ID", '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM("ID", '  ') END AS "k2",
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
                            LEFT JOIN "leadsla_zone" AS "z1"
                              ON "z1"."yr" = "q1_yr"
                          ) AS "c8"
                        ) AS "leads"
                      ) AS "l1"
                    ) AS "l2"
                  ) AS "l3"
                ) AS "l4"
              ) AS "l5"
            ) AS "l6"
          )
          SELECT
            *
          FROM (
            SELECT
              "rule_idx",
              "_row",
              "lead",
              "owner",
              "tier",
              "target_s",
              "target_d",
              "start",
              "stop",
              "early",
              CASE WHEN "_stop_0" >= "start" AND "_stop_0" = "stop" THEN CAST(0 AS BIGINT) END AS "stop_by",
              CASE WHEN "_stop_0" < "start" AND "_stop_0" = "early" THEN CAST(0 AS BIGINT) END AS "early_by"
            FROM (
              SELECT
                "rule_idx",
                "_row",
                "lead",
                "owner",
                "tier",
                "target_s",
                "target_d",
                "start",
                "_stop_0",
                CASE WHEN "_stop_0" >= "start" THEN "_stop_0" END AS "stop",
                CASE WHEN "_stop_0" < "start" THEN "_stop_0" END AS "early"
              FROM (
                SELECT
                  0 AS "rule_idx",
                  "_row",
                  "_lead" AS "lead",
                  '(unassigned)' AS "owner",
                  CAST(NULL AS BIGINT) AS "tier",
                  CAST(14400 AS BIGINT) AS "target_s",
                  CAST(NULL AS BIGINT) AS "target_d",
                  "f0" AS "start",
                  "f1" AS "_stop_0"
                FROM "_leads_derived" AS "d"
                WHERE
                  NOT "f0" IS NULL AND "f0" >= 1793458800.0e0
              ) AS "i"
            ) AS "f"
          ) AS "u"
        ) AS "i"
      ) AS "f"
      LEFT JOIN "leadsla_windows_by_day" AS "ws"
        ON "ws"."bucket" = FLOOR("f"."start" / 86400)
        AND "ws"."w_start" <= "f"."start"
        AND "f"."start" < "ws"."next_start"
      LEFT JOIN "leadsla_windows_by_day" AS "wt"
        ON "wt"."bucket" = FLOOR("f"."stop" / 86400)
        AND "wt"."w_start" <= "f"."stop"
        AND "f"."stop" < "wt"."next_start"
      LEFT JOIN "leadsla_windows_by_day" AS "wa"
        ON "wa"."bucket" = FLOOR(1795402800.0e0 / 86400)
        AND "wa"."w_start" <= 1795402800.0e0
        AND 1795402800.0e0 < "wa"."next_start"
    ) AS "g"
    LEFT JOIN "leadsla_windows" AS "we"
      ON "we"."wi" = "g"."eff_wi"
    LEFT JOIN "leadsla_windows_by_position" AS "wm"
      ON "wm"."bucket" = FLOOR((
        "g"."p_start" + "g"."target_s"
      ) / 28800)
      AND "wm"."before" < "g"."p_start" + "g"."target_s"
      AND "g"."p_start" + "g"."target_s" <= "wm"."before" + "wm"."len"
    LEFT JOIN "leadsla_days" AS "bd"
      ON "bd"."idx" = "we"."day_idx" + "g"."target_d"
  ) AS "p"
) AS "s"
ORDER BY
  "s"."lead",
  "s"."rule",
  "s"."start",
  "s"."due",
  "s"."stopped",
  "s"."status",
  "s"."owner";
