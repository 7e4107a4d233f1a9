-- leadsla <version> compile --dialect bigquery --what goals
-- as of 2026-11-23T12:00:00+09:00; columns: goal, period_start, period_end, group, value, size, met, maturing
WITH `leadsla_windows` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<wi INT64, w_start INT64, w_end INT64, before INT64, len INT64, day_idx INT64, next_start INT64>>[(-1, 1792940400, 1792940400, 0, 0, -1, 1792972800),
  (0, 1792972800, 1793005200, 0, 32400, 0, 1793059200),
  (1, 1793059200, 1793091600, 32400, 32400, 1, 1793145600),
  (2, 1793145600, 1793178000, 64800, 32400, 2, 1793232000),
  (3, 1793232000, 1793264400, 97200, 32400, 3, 1793318400),
  (4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (5, 1793577600, 1793610000, 162000, 32400, 5, 1793664000),
  (6, 1793664000, 1793696400, 194400, 32400, 6, 1793750400),
  (7, 1793750400, 1793782800, 226800, 32400, 7, 1793836800),
  (8, 1793836800, 1793869200, 259200, 32400, 8, 1793923200),
  (9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (10, 1794182400, 1794214800, 324000, 32400, 10, 1794268800),
  (11, 1794268800, 1794301200, 356400, 32400, 11, 1794355200),
  (12, 1794355200, 1794387600, 388800, 32400, 12, 1794441600),
  (13, 1794441600, 1794474000, 421200, 32400, 13, 1794528000),
  (14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (15, 1794787200, 1794819600, 486000, 32400, 15, 1794873600),
  (16, 1794873600, 1794906000, 518400, 32400, 16, 1794960000),
  (17, 1794960000, 1794992400, 550800, 32400, 17, 1795046400),
  (18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (19, 1795392000, 1795424400, 615600, 32400, 19, 1795478400),
  (20, 1795478400, 1795510800, 648000, 32400, 20, 1795564800),
  (21, 1795564800, 1795597200, 680400, 32400, 21, 1795651200),
  (22, 1795651200, 1795683600, 712800, 32400, 22, 1795737600),
  (23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (24, 1795996800, 1796029200, 777600, 32400, 24, 1796050800)])
),
`leadsla_windows_by_day` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<bucket INT64, wi INT64, w_start INT64, w_end INT64, before INT64, len INT64, day_idx INT64, next_start INT64>>[(20751, -1, 1792940400, 1792940400, 0, 0, -1, 1792972800),
  (20752, 0, 1792972800, 1793005200, 0, 32400, 0, 1793059200),
  (20753, 1, 1793059200, 1793091600, 32400, 32400, 1, 1793145600),
  (20754, 2, 1793145600, 1793178000, 64800, 32400, 2, 1793232000),
  (20755, 3, 1793232000, 1793264400, 97200, 32400, 3, 1793318400),
  (20756, 4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (20757, 4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (20758, 4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (20759, 5, 1793577600, 1793610000, 162000, 32400, 5, 1793664000),
  (20760, 6, 1793664000, 1793696400, 194400, 32400, 6, 1793750400),
  (20761, 7, 1793750400, 1793782800, 226800, 32400, 7, 1793836800),
  (20762, 8, 1793836800, 1793869200, 259200, 32400, 8, 1793923200),
  (20763, 9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (20764, 9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (20765, 9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (20766, 10, 1794182400, 1794214800, 324000, 32400, 10, 1794268800),
  (20767, 11, 1794268800, 1794301200, 356400, 32400, 11, 1794355200),
  (20768, 12, 1794355200, 1794387600, 388800, 32400, 12, 1794441600),
  (20769, 13, 1794441600, 1794474000, 421200, 32400, 13, 1794528000),
  (20770, 14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (20771, 14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (20772, 14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (20773, 15, 1794787200, 1794819600, 486000, 32400, 15, 1794873600),
  (20774, 16, 1794873600, 1794906000, 518400, 32400, 16, 1794960000),
  (20775, 17, 1794960000, 1794992400, 550800, 32400, 17, 1795046400),
  (20776, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (20777, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (20778, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (20779, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (20780, 19, 1795392000, 1795424400, 615600, 32400, 19, 1795478400),
  (20781, 20, 1795478400, 1795510800, 648000, 32400, 20, 1795564800),
  (20782, 21, 1795564800, 1795597200, 680400, 32400, 21, 1795651200),
  (20783, 22, 1795651200, 1795683600, 712800, 32400, 22, 1795737600),
  (20784, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (20785, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (20786, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (20787, 24, 1795996800, 1796029200, 777600, 32400, 24, 1796050800)])
),
`leadsla_windows_by_position` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<bucket INT64, wi INT64, w_start INT64, w_end INT64, before INT64, len INT64, day_idx INT64, next_start INT64>>[(0, 0, 1792972800, 1793005200, 0, 32400, 0, 1793059200),
  (1, 0, 1792972800, 1793005200, 0, 32400, 0, 1793059200),
  (1, 1, 1793059200, 1793091600, 32400, 32400, 1, 1793145600),
  (2, 1, 1793059200, 1793091600, 32400, 32400, 1, 1793145600),
  (2, 2, 1793145600, 1793178000, 64800, 32400, 2, 1793232000),
  (3, 2, 1793145600, 1793178000, 64800, 32400, 2, 1793232000),
  (3, 3, 1793232000, 1793264400, 97200, 32400, 3, 1793318400),
  (4, 3, 1793232000, 1793264400, 97200, 32400, 3, 1793318400),
  (4, 4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (5, 4, 1793318400, 1793350800, 129600, 32400, 4, 1793577600),
  (5, 5, 1793577600, 1793610000, 162000, 32400, 5, 1793664000),
  (6, 5, 1793577600, 1793610000, 162000, 32400, 5, 1793664000),
  (6, 6, 1793664000, 1793696400, 194400, 32400, 6, 1793750400),
  (7, 6, 1793664000, 1793696400, 194400, 32400, 6, 1793750400),
  (7, 7, 1793750400, 1793782800, 226800, 32400, 7, 1793836800),
  (8, 7, 1793750400, 1793782800, 226800, 32400, 7, 1793836800),
  (9, 7, 1793750400, 1793782800, 226800, 32400, 7, 1793836800),
  (9, 8, 1793836800, 1793869200, 259200, 32400, 8, 1793923200),
  (10, 8, 1793836800, 1793869200, 259200, 32400, 8, 1793923200),
  (10, 9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (11, 9, 1793923200, 1793955600, 291600, 32400, 9, 1794182400),
  (11, 10, 1794182400, 1794214800, 324000, 32400, 10, 1794268800),
  (12, 10, 1794182400, 1794214800, 324000, 32400, 10, 1794268800),
  (12, 11, 1794268800, 1794301200, 356400, 32400, 11, 1794355200),
  (13, 11, 1794268800, 1794301200, 356400, 32400, 11, 1794355200),
  (13, 12, 1794355200, 1794387600, 388800, 32400, 12, 1794441600),
  (14, 12, 1794355200, 1794387600, 388800, 32400, 12, 1794441600),
  (14, 13, 1794441600, 1794474000, 421200, 32400, 13, 1794528000),
  (15, 13, 1794441600, 1794474000, 421200, 32400, 13, 1794528000),
  (15, 14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (16, 14, 1794528000, 1794560400, 453600, 32400, 14, 1794787200),
  (16, 15, 1794787200, 1794819600, 486000, 32400, 15, 1794873600),
  (17, 15, 1794787200, 1794819600, 486000, 32400, 15, 1794873600),
  (18, 15, 1794787200, 1794819600, 486000, 32400, 15, 1794873600),
  (18, 16, 1794873600, 1794906000, 518400, 32400, 16, 1794960000),
  (19, 16, 1794873600, 1794906000, 518400, 32400, 16, 1794960000),
  (19, 17, 1794960000, 1794992400, 550800, 32400, 17, 1795046400),
  (20, 17, 1794960000, 1794992400, 550800, 32400, 17, 1795046400),
  (20, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (21, 18, 1795046400, 1795078800, 583200, 32400, 18, 1795392000),
  (21, 19, 1795392000, 1795424400, 615600, 32400, 19, 1795478400),
  (22, 19, 1795392000, 1795424400, 615600, 32400, 19, 1795478400),
  (22, 20, 1795478400, 1795510800, 648000, 32400, 20, 1795564800),
  (23, 20, 1795478400, 1795510800, 648000, 32400, 20, 1795564800),
  (23, 21, 1795564800, 1795597200, 680400, 32400, 21, 1795651200),
  (24, 21, 1795564800, 1795597200, 680400, 32400, 21, 1795651200),
  (24, 22, 1795651200, 1795683600, 712800, 32400, 22, 1795737600),
  (25, 22, 1795651200, 1795683600, 712800, 32400, 22, 1795737600),
  (25, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (26, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (27, 23, 1795737600, 1795770000, 745200, 32400, 23, 1795996800),
  (27, 24, 1795996800, 1796029200, 777600, 32400, 24, 1796050800),
  (28, 24, 1795996800, 1796029200, 777600, 32400, 24, 1796050800)])
),
`leadsla_days` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<idx INT64, close INT64, close_pos INT64>>[(0, 1793005200, 32400),
  (1, 1793091600, 64800),
  (2, 1793178000, 97200),
  (3, 1793264400, 129600),
  (4, 1793350800, 162000),
  (5, 1793610000, 194400),
  (6, 1793696400, 226800),
  (7, 1793782800, 259200),
  (8, 1793869200, 291600),
  (9, 1793955600, 324000),
  (10, 1794214800, 356400),
  (11, 1794301200, 388800),
  (12, 1794387600, 421200),
  (13, 1794474000, 453600),
  (14, 1794560400, 486000),
  (15, 1794819600, 518400),
  (16, 1794906000, 550800),
  (17, 1794992400, 583200),
  (18, 1795078800, 615600),
  (19, 1795424400, 648000),
  (20, 1795510800, 680400),
  (21, 1795597200, 712800),
  (22, 1795683600, 745200),
  (23, 1795770000, 777600),
  (24, 1796029200, 810000)])
),
`leadsla_periods` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<pi INT64, p_start INT64, p_end INT64, complete INT64>>[(0, 1792940400, 1793545200, 1),
  (1, 1793545200, 1794150000, 1),
  (2, 1794150000, 1794754800, 1),
  (3, 1794754800, 1795359600, 1),
  (4, 1795359600, 1795964400, 0)])
),
`leadsla_zone` AS (
  SELECT * FROM UNNEST(ARRAY<STRUCT<yr INT64, o0 INT64, a0 INT64, w1 INT64, o1 INT64, a1 INT64, w2 INT64, o2 INT64, a2 INT64>>[(1948, 32400, -1000000000000, -683769600, 36000, -683802000, -672274800, 32400, -672310800),
  (1949, 32400, -672310800, -654739200, 36000, -654771600, -640825200, 32400, -640861200),
  (1950, 32400, -640861200, -620265600, 36000, -620298000, -609375600, 32400, -609411600),
  (1951, 32400, -609411600, -588816000, 36000, -588848400, -577926000, 32400, -577962000)])
)
SELECT
  *
FROM (
  WITH `_leads_derived` AS (
    SELECT
      *,
      CASE WHEN NOT `reason` IS NULL THEN 'disqualified' WHEN FALSE THEN 'mql' ELSE 'not_qualified' END AS `f7`
    FROM (
      SELECT
        *,
        CAST(NULL AS STRING) AS `reason`
      FROM (
        SELECT
          *,
          CASE WHEN `f3` >= 50.0e0 THEN 'A' WHEN `f3` >= 30.0e0 THEN 'B' ELSE 'D' END AS `f6`,
          (
            `f3` + `f4`
          ) AS `f5`
        FROM (
          SELECT
            *,
            0.0e0 AS `f3`,
            (
              0.0e0 * 1.0e0
            ) AS `f4`,
            1.0e0 AS `_decay`,
            0.0e0 AS `_engagement_raw`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                *,
                CAST(NULL AS STRING) AS `f8`
              FROM (
                SELECT
                  CAST(NULL AS INT64) AS `_row`,
                  `_id` AS `_lead`,
                  CASE WHEN `f0` <= 1795402800.0e0 THEN `f0` END AS `f0`,
                  CASE WHEN `f1` <= 1795402800.0e0 THEN `f1` END AS `f1`,
                  `f2`
                FROM (
                  SELECT
                    `_id`,
                    CASE WHEN `t0` >= -2209039200 AND `t0` < 4102488000 THEN `t0` END AS `f0`,
                    CASE WHEN `t1` >= -2209039200 AND `t1` < 4102488000 THEN `t1` END AS `f1`,
                    `v2` AS `f2`
                  FROM (
                    SELECT
                      `_id`,
                      `v2`,
                      CASE
                        WHEN `win0` IN (0)
                        THEN CASE
                          WHEN `q0_yr` < 1948
                          THEN `wall0` - 32400
                          WHEN `q0_yr` > 1951
                          THEN CASE WHEN `wall0` - 32400 < -577962000 THEN -577962000 ELSE `wall0` - 32400 END
                          ELSE CASE
                            WHEN (
                              `z0`.`w1` IS NULL OR `wall0` < `z0`.`w1`
                            )
                            THEN CASE WHEN `wall0` - `z0`.`o0` < `z0`.`a0` THEN `z0`.`a0` ELSE `wall0` - `z0`.`o0` END
                            WHEN (
                              `z0`.`w2` IS NULL OR `wall0` < `z0`.`w2`
                            )
                            THEN CASE WHEN `wall0` - `z0`.`o1` < `z0`.`a1` THEN `z0`.`a1` ELSE `wall0` - `z0`.`o1` END
                            ELSE CASE WHEN `wall0` - `z0`.`o2` < `z0`.`a2` THEN `z0`.`a2` ELSE `wall0` - `z0`.`o2` END
                          END
                        END
                      END AS `t0`,
                      CASE
                        WHEN `win1` IN (0)
                        THEN CASE
                          WHEN `q1_yr` < 1948
                          THEN `wall1` - 32400
                          WHEN `q1_yr` > 1951
                          THEN CASE WHEN `wall1` - 32400 < -577962000 THEN -577962000 ELSE `wall1` - 32400 END
                          ELSE CASE
                            WHEN (
                              `z1`.`w1` IS NULL OR `wall1` < `z1`.`w1`
                            )
                            THEN CASE WHEN `wall1` - `z1`.`o0` < `z1`.`a0` THEN `z1`.`a0` ELSE `wall1` - `z1`.`o0` END
                            WHEN (
                              `z1`.`w2` IS NULL OR `wall1` < `z1`.`w2`
                            )
                            THEN CASE WHEN `wall1` - `z1`.`o1` < `z1`.`a1` THEN `z1`.`a1` ELSE `wall1` - `z1`.`o1` END
                            ELSE CASE WHEN `wall1` - `z1`.`o2` < `z1`.`a2` THEN `z1`.`a2` ELSE `wall1` - `z1`.`o2` END
                          END
                        END
                      END AS `t1`
                    FROM (
                      SELECT
                        *,
                        (
                          (
                            `q0_yr` - 1970
                          ) * 365 + (
                            FLOOR((
                              `q0_yr` - 1
                            ) / 4) - FLOOR((
                              `q0_yr` - 1
                            ) / 100) + FLOOR((
                              `q0_yr` - 1
                            ) / 400) - 477
                          ) + (
                            FLOOR((
                              367 * `q0_mo` - 362
                            ) / 12) + CASE
                              WHEN `q0_mo` > 2
                              THEN CASE
                                WHEN (
                                  MOD(`q0_yr`, 4) = 0 AND MOD(`q0_yr`, 100) <> 0
                                ) OR MOD(`q0_yr`, 400) = 0
                                THEN -1
                                ELSE -2
                              END
                              ELSE 0
                            END
                          ) + (
                            `q0_d` - 1
                          )
                        ) * 86400 + (
                          COALESCE(`q0_h`, 0) * 3600 + COALESCE(`q0_mi`, 0) * 60 + 0
                        ) AS `wall0`,
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
                          COALESCE(`q1_h`, 0) * 3600 + COALESCE(`q1_mi`, 0) * 60 + 0
                        ) AS `wall1`
                      FROM (
                        SELECT
                          *,
                          CASE WHEN `win0` = 0 THEN `yr0_0` END AS `q0_yr`,
                          CASE WHEN `win0` = 0 THEN `p0_0_d` END AS `q0_d`,
                          CASE WHEN `win0` = 0 THEN `p0_0_h` END AS `q0_h`,
                          CASE WHEN `win0` = 0 THEN `p0_0_mi` END AS `q0_mi`,
                          CASE WHEN `win0` = 0 THEN `p0_0_mo` END AS `q0_mo`,
                          CASE WHEN `win1` = 0 THEN `yr1_0` END AS `q1_yr`,
                          CASE WHEN `win1` = 0 THEN `p1_0_d` END AS `q1_d`,
                          CASE WHEN `win1` = 0 THEN `p1_0_h` END AS `q1_h`,
                          CASE WHEN `win1` = 0 THEN `p1_0_mi` END AS `q1_mi`,
                          CASE WHEN `win1` = 0 THEN `p1_0_mo` END AS `q1_mo`
                        FROM (
                          SELECT
                            *,
                            CASE WHEN `g0_0` THEN 0 END AS `win0`,
                            CASE WHEN `g1_0` THEN 0 END AS `win1`
                          FROM (
                            SELECT
                              *,
                              `p0_0_ok`
                              AND `yr0_0` >= 1000
                              AND `p0_0_mo` BETWEEN 1 AND 12
                              AND `p0_0_d` BETWEEN 1 AND CASE
                                WHEN `p0_0_mo` = 2
                                THEN CASE
                                  WHEN (
                                    MOD(`yr0_0`, 4) = 0 AND MOD(`yr0_0`, 100) <> 0
                                  ) OR MOD(`yr0_0`, 400) = 0
                                  THEN 29
                                  ELSE 28
                                END
                                WHEN `p0_0_mo` IN (4, 6, 9, 11)
                                THEN 30
                                ELSE 31
                              END
                              AND COALESCE(`p0_0_h`, 0) <= 23
                              AND COALESCE(`p0_0_mi`, 0) <= 59 AS `g0_0`,
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
                              AND COALESCE(`p1_0_mi`, 0) <= 59 AS `g1_0`
                            FROM (
                              SELECT
                                *,
                                `p0_0_y` AS `yr0_0`,
                                `p1_0_y` AS `yr1_0`
                              FROM (
                                SELECT
                                  *,
                                  CASE WHEN `p0_0_ok` THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k0`, '^([0-9]{1,2})'), '') AS INT64) END AS `p0_0_d`,
                                  CASE
                                    WHEN `p0_0_ok`
                                    THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k0`, '^(?:[0-9]{1,2})/([0-9]{1,2})'), '') AS INT64)
                                  END AS `p0_0_mo`,
                                  CASE
                                    WHEN `p0_0_ok`
                                    THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k0`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/([0-9]{4})'), '') AS INT64)
                                  END AS `p0_0_y`,
                                  CASE
                                    WHEN `p0_0_ok`
                                    THEN SAFE_CAST(NULLIF(REGEXP_EXTRACT(`k0`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+([0-9]{1,2})'), '') AS INT64)
                                  END AS `p0_0_h`,
                                  CASE
                                    WHEN `p0_0_ok`
                                    THEN SAFE_CAST(NULLIF(
                                      REGEXP_EXTRACT(`k0`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):([0-9]{1,2})'),
                                      ''
                                    ) AS INT64)
                                  END AS `p0_0_mi`,
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
                                  END AS `p1_0_mi`
                                FROM (
                                  SELECT
                                    `_id`,
                                    REGEXP_CONTAINS(`k0`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p0_0_ok`,
                                    REGEXP_CONTAINS(`k1`, '^(?:[0-9]{1,2})/(?:[0-9]{1,2})/(?:[0-9]{4})[\t\n\v\f\r ]+(?:[0-9]{1,2}):(?:[0-9]{1,2})$') AS `p1_0_ok`,
                                    `k2` AS `v2`,
                                    `k0`,
                                    `k1`
                                  FROM (
                                    SELECT
                                      CASE
                                        WHEN LOWER(TRIM(`created_at`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM(`created_at`, '  ')
                                      END AS `k0`,
                                      CASE
                                        WHEN LOWER(TRIM(`contacted_at`, '  ')) IN ('', 'n/a', 'na', 'null', '-')
                                        THEN NULL
                                        ELSE TRIM(`contacted_at`, '  ')
                                      END AS `k1`,
                                      CASE WHEN LOWER(TRIM(`ID`, '  ')) IN ('', 'n/a', 'na', 'null', '-') THEN NULL ELSE TRIM(`ID`, '  ') END AS `k2`,
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
                    LEFT JOIN `leadsla_zone` AS `z0`
                      ON `z0`.`yr` = `q0_yr`
                    LEFT JOIN `leadsla_zone` AS `z1`
                      ON `z1`.`yr` = `q1_yr`
                  ) AS `c8`
                ) AS `leads`
              ) AS `l1`
            ) AS `l2`
          ) AS `l3`
        ) AS `l4`
      ) AS `l5`
    ) AS `l6`
  ), `leadsla_g0` AS (
    SELECT
      `l`.*,
      `wp0`.`before` + LEAST(COALESCE(`l`.`_t0` - `wp0`.`w_start`, `wp0`.`len`), COALESCE(`wp0`.`len`, `l`.`_t0` - `wp0`.`w_start`)) AS `_p0`,
      `wd0`.`day_idx` AS `_d0`,
      `wp1`.`before` + LEAST(COALESCE(`l`.`_t1` - `wp1`.`w_start`, `wp1`.`len`), COALESCE(`wp1`.`len`, `l`.`_t1` - `wp1`.`w_start`)) AS `_p1`,
      `wd1`.`day_idx` AS `_d1`
    FROM (
      SELECT
        `f0` AS `_t0`,
        `f1` AS `_t1`,
        TRUE AS `_w0`,
        TRUE AS `_w1`,
        TRUE AS `_w2`,
        TRUE AS `_w3`
      FROM `_leads_derived` AS `d`
    ) AS `l`
    LEFT JOIN `leadsla_windows_by_day` AS `wp0`
      ON `wp0`.`bucket` = FLOOR(`l`.`_t0` / 86400)
      AND `wp0`.`w_start` <= `l`.`_t0`
      AND `l`.`_t0` < `wp0`.`next_start`
    LEFT JOIN `leadsla_windows_by_position` AS `wd0`
      ON `wd0`.`bucket` = FLOOR(
        (
          `wp0`.`before` + LEAST(COALESCE(`l`.`_t0` - `wp0`.`w_start`, `wp0`.`len`), COALESCE(`wp0`.`len`, `l`.`_t0` - `wp0`.`w_start`))
        ) / 28800
      )
      AND `wd0`.`before` <= `wp0`.`before` + LEAST(COALESCE(`l`.`_t0` - `wp0`.`w_start`, `wp0`.`len`), COALESCE(`wp0`.`len`, `l`.`_t0` - `wp0`.`w_start`))
      AND `wp0`.`before` + LEAST(COALESCE(`l`.`_t0` - `wp0`.`w_start`, `wp0`.`len`), COALESCE(`wp0`.`len`, `l`.`_t0` - `wp0`.`w_start`)) < `wd0`.`before` + `wd0`.`len`
    LEFT JOIN `leadsla_windows_by_day` AS `wp1`
      ON `wp1`.`bucket` = FLOOR(`l`.`_t1` / 86400)
      AND `wp1`.`w_start` <= `l`.`_t1`
      AND `l`.`_t1` < `wp1`.`next_start`
    LEFT JOIN `leadsla_windows_by_position` AS `wd1`
      ON `wd1`.`bucket` = FLOOR(
        (
          `wp1`.`before` + LEAST(COALESCE(`l`.`_t1` - `wp1`.`w_start`, `wp1`.`len`), COALESCE(`wp1`.`len`, `l`.`_t1` - `wp1`.`w_start`))
        ) / 28800
      )
      AND `wd1`.`before` <= `wp1`.`before` + LEAST(COALESCE(`l`.`_t1` - `wp1`.`w_start`, `wp1`.`len`), COALESCE(`wp1`.`len`, `l`.`_t1` - `wp1`.`w_start`))
      AND `wp1`.`before` + LEAST(COALESCE(`l`.`_t1` - `wp1`.`w_start`, `wp1`.`len`), COALESCE(`wp1`.`len`, `l`.`_t1` - `wp1`.`w_start`)) < `wd1`.`before` + `wd1`.`len`
  ), `leadsla_g` AS (
    SELECT
      `l`.*
    FROM `leadsla_g0` AS `l`
  )
  SELECT
    CASE `y`.`gi` WHEN 0 THEN 'new' WHEN 1 THEN 'contacted' WHEN 2 THEN 'response' WHEN 3 THEN 'on-time' END AS `goal`,
    TIMESTAMP_MICROS(CAST(ROUND(`y`.`p_start` * 1000000.0e0) AS INT64)) AS `period_start`,
    TIMESTAMP_MICROS(CAST(ROUND(`y`.`p_end` * 1000000.0e0) AS INT64)) AS `period_end`,
    `y`.`grp` AS `group`,
    `y`.`value_` AS `value`,
    COALESCE(`y`.`size`, 0) AS `size`,
    CASE
      WHEN `y`.`complete` = 1
      AND NOT `y`.`maturing`
      AND NOT `y`.`value_` IS NULL
      AND NOT `y`.`first` IS NULL
      AND `y`.`p_end` > `y`.`first`
      THEN CASE `y`.`gi`
        WHEN 0
        THEN `y`.`value_` >= 5.0e0
        WHEN 1
        THEN `y`.`value_` >= 0.5e0
        WHEN 2
        THEN `y`.`value_` <= 240.0e0
        WHEN 3
        THEN `y`.`value_` >= 0.9e0
      END
    END AS `met`,
    `y`.`maturing` AS `maturing`
  FROM (
    SELECT
      `x`.*,
      CASE `x`.`gi`
        WHEN 0
        THEN COALESCE(`x`.`value`, 0.0e0)
        WHEN 1
        THEN `x`.`value`
        WHEN 2
        THEN `x`.`value`
        WHEN 3
        THEN `x`.`value`
      END AS `value_`,
      CASE `x`.`gi`
        WHEN 0
        THEN FALSE
        WHEN 1
        THEN CASE
          WHEN `x`.`complete` = 0
          THEN TRUE
          WHEN `x`.`last` IS NULL
          THEN FALSE
          ELSE (
            `x`.`last` + 172800 > 1795402800.0e0
          )
        END
        WHEN 2
        THEN FALSE
        WHEN 3
        THEN FALSE
      END AS `maturing`
    FROM (
      SELECT
        `g`.`gi`,
        `g`.`grp`,
        `p`.`pi`,
        `p`.`p_start`,
        `p`.`p_end`,
        `p`.`complete`,
        `v`.`value` AS `value`,
        `v`.`size` AS `size`,
        `v`.`last` AS `last`,
        `f`.`first` AS `first`
      FROM (
        SELECT
          0 AS `gi`,
          CAST(NULL AS STRING) AS `grp`
        UNION ALL
        SELECT
          1 AS `gi`,
          CAST(NULL AS STRING) AS `grp`
        UNION ALL
        SELECT
          2 AS `gi`,
          CAST(NULL AS STRING) AS `grp`
        UNION ALL
        SELECT
          3 AS `gi`,
          CAST(NULL AS STRING) AS `grp`
      ) AS `g`
      CROSS JOIN `leadsla_periods` AS `p`
      LEFT JOIN (
        SELECT
          0 AS `gi`,
          `p`.`pi`,
          CAST(NULL AS STRING) AS `grp`,
          COUNT(*) AS `value`,
          COUNT(*) AS `size`,
          CAST(NULL AS FLOAT64) AS `last`
        FROM `leadsla_g` AS `l`
        JOIN `leadsla_periods` AS `p`
          ON `p`.`p_start` <= `l`.`_t0` AND `l`.`_t0` < `p`.`p_end`
        WHERE
          NOT `l`.`_t0` IS NULL AND `l`.`_w0` AND `l`.`_t0` >= 1793458800.0e0
        GROUP BY
          `p`.`pi`
        UNION ALL
        SELECT
          1 AS `gi`,
          `p`.`pi`,
          CAST(NULL AS STRING) AS `grp`,
          CAST(SUM(
            CASE
              WHEN (
                NOT `l`.`_t1` IS NULL AND `l`.`_t1` >= `l`.`_t0`
              ) AND `l`.`_t1` - `l`.`_t0` <= 172800
              THEN 1
              ELSE 0
            END
          ) AS FLOAT64) / COUNT(*) AS `value`,
          COUNT(*) AS `size`,
          MAX(`l`.`_t0`) AS `last`
        FROM `leadsla_g` AS `l`
        JOIN `leadsla_periods` AS `p`
          ON `p`.`p_start` <= `l`.`_t0` AND `l`.`_t0` < `p`.`p_end`
        WHERE
          NOT `l`.`_t0` IS NULL AND `l`.`_w1` AND `l`.`_t0` >= 1793458800.0e0
        GROUP BY
          `p`.`pi`
        UNION ALL
        SELECT
          2 AS `gi`,
          `pi`,
          `grp`,
          MAX(`pc`) AS `value`,
          COUNT(*) AS `size`,
          CAST(NULL AS FLOAT64) AS `last`
        FROM (
          SELECT
            *,
            PERCENTILE_CONT(`m`, 0.5e0) OVER (PARTITION BY `pi`, `grp`) AS `pc`
          FROM (
            SELECT
              `p`.`pi`,
              CAST(NULL AS STRING) AS `grp`,
              (
                `l`.`_p1` - `l`.`_p0`
              ) / 60.0e0 AS `m`
            FROM `leadsla_g` AS `l`
            JOIN `leadsla_periods` AS `p`
              ON `p`.`p_start` <= `l`.`_t0` AND `l`.`_t0` < `p`.`p_end`
            WHERE
              NOT `l`.`_t0` IS NULL
              AND `l`.`_w2`
              AND `l`.`_t0` >= 1793458800.0e0
              AND NOT `l`.`_t1` IS NULL
              AND `l`.`_t1` >= `l`.`_t0`
          ) AS `m0`
        ) AS `m1`
        GROUP BY
          `pi`,
          `grp`
        UNION ALL
        SELECT
          3 AS `gi`,
          `p`.`pi`,
          CAST(NULL AS STRING) AS `grp`,
          CAST(SUM(CASE WHEN `it`.`status` = 'met' THEN 1 ELSE 0 END) AS FLOAT64) / COUNT(*) AS `value`,
          COUNT(*) AS `size`,
          CAST(NULL AS FLOAT64) AS `last`
        FROM (
          SELECT
            `p`.`lead` AS `lead`,
            `p`.`rule` AS `rule`,
            `p`.`team` AS `team`,
            `p`.`owner` AS `owner`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 'met'
              WHEN NOT `p`.`stop` IS NULL
              THEN CASE WHEN `p`.`stop` <= `p`.`due` THEN 'met' ELSE 'met_late' END
              WHEN `p`.`due` IS NULL
              THEN 'on_track'
              WHEN `p`.`t_asof` >= `p`.`due`
              THEN 'breached'
              WHEN NOT `p`.`risk_share` IS NULL
              AND `p`.`p_asof` - `p`.`p_start` >= `p`.`risk_share` * (
                `p`.`p_due` - `p`.`p_start`
              )
              THEN 'at_risk'
              WHEN NOT `p`.`risk_left_s` IS NULL AND `p`.`p_due` - `p`.`p_asof` <= `p`.`risk_left_s`
              THEN 'at_risk'
              ELSE 'on_track'
            END AS `status`,
            `p`.`tier` AS `tier`,
            TIMESTAMP_MICROS(CAST(ROUND(`p`.`start` * 1000000.0e0) AS INT64)) AS `start`,
            TIMESTAMP_MICROS(CAST(ROUND(`p`.`due` * 1000000.0e0) AS INT64)) AS `due`,
            TIMESTAMP_MICROS(
              CAST(ROUND(
                CASE WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL THEN `p`.`early` ELSE `p`.`stop` END * 1000000.0e0
              ) AS INT64)
            ) AS `stopped`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN CASE WHEN `p`.`rule_idx` = 0 AND `p`.`early_by` = 0 THEN 'contacted_at' END
              ELSE CASE WHEN `p`.`rule_idx` = 0 AND `p`.`stop_by` = 0 THEN 'contacted_at' END
            END AS `stopped_by`,
            (
              `p`.`p_due` - `p`.`p_start`
            ) / 60.0e0 AS `target_minutes`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 0.0e0
              ELSE (
                COALESCE(`p`.`p_stop`, `p`.`p_asof`) - `p`.`p_start`
              ) / 60.0e0
            END AS `elapsed_minutes`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 0.0e0
              ELSE GREATEST(0, COALESCE(COALESCE(`p`.`p_stop`, `p`.`p_asof`) - `p`.`p_due`, 0)) / 60.0e0
            END AS `overdue_minutes`,
            CASE
              WHEN `p`.`stop` IS NULL
              AND NOT (
                `p`.`early_met` AND NOT `p`.`early` IS NULL
              )
              AND `p`.`t_asof` < `p`.`due`
              THEN (
                `p`.`p_due` - `p`.`p_asof`
              ) / 60.0e0
            END AS `left_minutes`,
            `p`.`rule_idx` AS `rule_idx`,
            `p`.`start` AS `start_s`,
            `p`.`_row` AS `_row`
          FROM (
            SELECT
              `g`.*,
              CASE
                WHEN NOT `g`.`business`
                THEN `g`.`start` + `g`.`target_s`
                WHEN CASE
                  WHEN `g`.`target_s` = 0
                  THEN `we`.`w_start` + (
                    `g`.`p_start` - `we`.`before`
                  )
                  WHEN `g`.`target_s` > 0
                  THEN `wm`.`w_start` + (
                    `g`.`p_start` + `g`.`target_s` - `wm`.`before`
                  )
                  ELSE `bd`.`close`
                END IS NULL
                THEN ERROR(
                  'leadsla: a follow-up is due past the end of the business calendar this script holds; compile it again with a later --to; its start (seconds since 1970): ' || CAST(`g`.`start` AS STRING)
                )
                ELSE CASE
                  WHEN `g`.`target_s` = 0
                  THEN `we`.`w_start` + (
                    `g`.`p_start` - `we`.`before`
                  )
                  WHEN `g`.`target_s` > 0
                  THEN `wm`.`w_start` + (
                    `g`.`p_start` + `g`.`target_s` - `wm`.`before`
                  )
                  ELSE `bd`.`close`
                END
              END AS `due`,
              CASE
                WHEN NOT `g`.`business`
                THEN `g`.`start` + `g`.`target_s`
                ELSE CASE
                  WHEN `g`.`target_s` = 0
                  THEN `g`.`p_start`
                  WHEN `g`.`target_s` > 0
                  THEN `g`.`p_start` + `g`.`target_s`
                  ELSE `bd`.`close_pos`
                END
              END AS `p_due`
            FROM (
              SELECT
                `f`.*,
                CASE
                  WHEN NOT `f`.`business`
                  THEN `f`.`start`
                  WHEN NOT (
                    `f`.`start` >= 1792940400 AND `f`.`start` < 1796050800
                  )
                  THEN ERROR(
                    'leadsla: a follow-up starts outside the business calendar this script holds; compile it again with --from and --to around it; the start (seconds since 1970): ' || CAST(`f`.`start` AS STRING)
                  )
                  ELSE `ws`.`before` + LEAST(COALESCE(`f`.`start` - `ws`.`w_start`, `ws`.`len`), COALESCE(`ws`.`len`, `f`.`start` - `ws`.`w_start`))
                END AS `p_start`,
                CASE
                  WHEN NOT `f`.`business`
                  THEN `f`.`stop`
                  ELSE `wt`.`before` + LEAST(COALESCE(`f`.`stop` - `wt`.`w_start`, `wt`.`len`), COALESCE(`wt`.`len`, `f`.`stop` - `wt`.`w_start`))
                END AS `p_stop`,
                CASE
                  WHEN NOT `f`.`business`
                  THEN 1795402800.0e0
                  ELSE `wa`.`before` + LEAST(
                    COALESCE(1795402800.0e0 - `wa`.`w_start`, `wa`.`len`),
                    COALESCE(`wa`.`len`, 1795402800.0e0 - `wa`.`w_start`)
                  )
                END AS `p_asof`,
                1795402800.0e0 AS `t_asof`,
                CASE WHEN `f`.`start` < `ws`.`w_end` THEN `ws`.`wi` ELSE `ws`.`wi` + 1 END AS `eff_wi`
              FROM (
                SELECT
                  *,
                  CASE `rule_idx` WHEN 0 THEN 'contact' END AS `rule`,
                  CASE `rule_idx` WHEN 0 THEN 'sales' END AS `team`,
                  CASE `rule_idx` WHEN 0 THEN TRUE END AS `business`,
                  CASE `rule_idx` WHEN 0 THEN FALSE END AS `early_met`,
                  CAST(CASE `rule_idx` WHEN 0 THEN NULL END AS FLOAT64) AS `risk_share`,
                  CAST(CASE `rule_idx` WHEN 0 THEN NULL END AS INT64) AS `risk_left_s`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `rule_idx`,
                      `_row`,
                      `lead`,
                      `owner`,
                      `tier`,
                      `target_s`,
                      `target_d`,
                      `start`,
                      `stop`,
                      `early`,
                      CASE WHEN `_stop_0` >= `start` AND `_stop_0` = `stop` THEN CAST(0 AS INT64) END AS `stop_by`,
                      CASE WHEN `_stop_0` < `start` AND `_stop_0` = `early` THEN CAST(0 AS INT64) END AS `early_by`
                    FROM (
                      SELECT
                        `rule_idx`,
                        `_row`,
                        `lead`,
                        `owner`,
                        `tier`,
                        `target_s`,
                        `target_d`,
                        `start`,
                        `_stop_0`,
                        CASE WHEN `_stop_0` >= `start` THEN `_stop_0` END AS `stop`,
                        CASE WHEN `_stop_0` < `start` THEN `_stop_0` END AS `early`
                      FROM (
                        SELECT
                          0 AS `rule_idx`,
                          `_row`,
                          `_lead` AS `lead`,
                          '(unassigned)' AS `owner`,
                          CAST(NULL AS INT64) AS `tier`,
                          CAST(14400 AS INT64) AS `target_s`,
                          CAST(NULL AS INT64) AS `target_d`,
                          `f0` AS `start`,
                          `f1` AS `_stop_0`
                        FROM `_leads_derived` AS `d`
                        WHERE
                          NOT `f0` IS NULL AND `f0` >= 1793458800.0e0
                      ) AS `i`
                    ) AS `f`
                  ) AS `u`
                ) AS `i`
              ) AS `f`
              LEFT JOIN `leadsla_windows_by_day` AS `ws`
                ON `ws`.`bucket` = FLOOR(`f`.`start` / 86400)
                AND `ws`.`w_start` <= `f`.`start`
                AND `f`.`start` < `ws`.`next_start`
              LEFT JOIN `leadsla_windows_by_day` AS `wt`
                ON `wt`.`bucket` = FLOOR(`f`.`stop` / 86400)
                AND `wt`.`w_start` <= `f`.`stop`
                AND `f`.`stop` < `wt`.`next_start`
              LEFT JOIN `leadsla_windows_by_day` AS `wa`
                ON `wa`.`bucket` = FLOOR(1795402800.0e0 / 86400)
                AND `wa`.`w_start` <= 1795402800.0e0
                AND 1795402800.0e0 < `wa`.`next_start`
            ) AS `g`
            LEFT JOIN `leadsla_windows` AS `we`
              ON `we`.`wi` = `g`.`eff_wi`
            LEFT JOIN `leadsla_windows_by_position` AS `wm`
              ON `wm`.`bucket` = FLOOR((
                `g`.`p_start` + `g`.`target_s`
              ) / 28800)
              AND `wm`.`before` < `g`.`p_start` + `g`.`target_s`
              AND `g`.`p_start` + `g`.`target_s` <= `wm`.`before` + `wm`.`len`
            LEFT JOIN `leadsla_days` AS `bd`
              ON `bd`.`idx` = `we`.`day_idx` + `g`.`target_d`
          ) AS `p`
        ) AS `it`
        JOIN `leadsla_periods` AS `p`
          ON `p`.`p_start` <= `it`.`start_s` AND `it`.`start_s` < `p`.`p_end`
        WHERE
          `it`.`rule_idx` = 0 AND `it`.`status` IN ('met', 'met_late', 'breached')
        GROUP BY
          `p`.`pi`
      ) AS `v`
        ON `v`.`gi` = `g`.`gi` AND `v`.`pi` = `p`.`pi` AND COALESCE(`v`.`grp`, '') = COALESCE(`g`.`grp`, '')
      LEFT JOIN (
        SELECT
          0 AS `gi`,
          CAST(NULL AS STRING) AS `grp`,
          MIN(`_t0`) AS `first`
        FROM `leadsla_g`
        UNION ALL
        SELECT
          1 AS `gi`,
          CAST(NULL AS STRING) AS `grp`,
          MIN(`_t0`) AS `first`
        FROM `leadsla_g`
        UNION ALL
        SELECT
          2 AS `gi`,
          CAST(NULL AS STRING) AS `grp`,
          MIN(`_t0`) AS `first`
        FROM `leadsla_g`
        UNION ALL
        SELECT
          3 AS `gi`,
          CAST(NULL AS STRING) AS `grp`,
          MIN(`it`.`start_s`) AS `first`
        FROM (
          SELECT
            `p`.`lead` AS `lead`,
            `p`.`rule` AS `rule`,
            `p`.`team` AS `team`,
            `p`.`owner` AS `owner`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 'met'
              WHEN NOT `p`.`stop` IS NULL
              THEN CASE WHEN `p`.`stop` <= `p`.`due` THEN 'met' ELSE 'met_late' END
              WHEN `p`.`due` IS NULL
              THEN 'on_track'
              WHEN `p`.`t_asof` >= `p`.`due`
              THEN 'breached'
              WHEN NOT `p`.`risk_share` IS NULL
              AND `p`.`p_asof` - `p`.`p_start` >= `p`.`risk_share` * (
                `p`.`p_due` - `p`.`p_start`
              )
              THEN 'at_risk'
              WHEN NOT `p`.`risk_left_s` IS NULL AND `p`.`p_due` - `p`.`p_asof` <= `p`.`risk_left_s`
              THEN 'at_risk'
              ELSE 'on_track'
            END AS `status`,
            `p`.`tier` AS `tier`,
            TIMESTAMP_MICROS(CAST(ROUND(`p`.`start` * 1000000.0e0) AS INT64)) AS `start`,
            TIMESTAMP_MICROS(CAST(ROUND(`p`.`due` * 1000000.0e0) AS INT64)) AS `due`,
            TIMESTAMP_MICROS(
              CAST(ROUND(
                CASE WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL THEN `p`.`early` ELSE `p`.`stop` END * 1000000.0e0
              ) AS INT64)
            ) AS `stopped`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN CASE WHEN `p`.`rule_idx` = 0 AND `p`.`early_by` = 0 THEN 'contacted_at' END
              ELSE CASE WHEN `p`.`rule_idx` = 0 AND `p`.`stop_by` = 0 THEN 'contacted_at' END
            END AS `stopped_by`,
            (
              `p`.`p_due` - `p`.`p_start`
            ) / 60.0e0 AS `target_minutes`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 0.0e0
              ELSE (
                COALESCE(`p`.`p_stop`, `p`.`p_asof`) - `p`.`p_start`
              ) / 60.0e0
            END AS `elapsed_minutes`,
            CASE
              WHEN `p`.`early_met` AND NOT `p`.`early` IS NULL
              THEN 0.0e0
              ELSE GREATEST(0, COALESCE(COALESCE(`p`.`p_stop`, `p`.`p_asof`) - `p`.`p_due`, 0)) / 60.0e0
            END AS `overdue_minutes`,
            CASE
              WHEN `p`.`stop` IS NULL
              AND NOT (
                `p`.`early_met` AND NOT `p`.`early` IS NULL
              )
              AND `p`.`t_asof` < `p`.`due`
              THEN (
                `p`.`p_due` - `p`.`p_asof`
              ) / 60.0e0
            END AS `left_minutes`,
            `p`.`rule_idx` AS `rule_idx`,
            `p`.`start` AS `start_s`,
            `p`.`_row` AS `_row`
          FROM (
            SELECT
              `g`.*,
              CASE
                WHEN NOT `g`.`business`
                THEN `g`.`start` + `g`.`target_s`
                WHEN CASE
                  WHEN `g`.`target_s` = 0
                  THEN `we`.`w_start` + (
                    `g`.`p_start` - `we`.`before`
                  )
                  WHEN `g`.`target_s` > 0
                  THEN `wm`.`w_start` + (
                    `g`.`p_start` + `g`.`target_s` - `wm`.`before`
                  )
                  ELSE `bd`.`close`
                END IS NULL
                THEN ERROR(
                  'leadsla: a follow-up is due past the end of the business calendar this script holds; compile it again with a later --to; its start (seconds since 1970): ' || CAST(`g`.`start` AS STRING)
                )
                ELSE CASE
                  WHEN `g`.`target_s` = 0
                  THEN `we`.`w_start` + (
                    `g`.`p_start` - `we`.`before`
                  )
                  WHEN `g`.`target_s` > 0
                  THEN `wm`.`w_start` + (
                    `g`.`p_start` + `g`.`target_s` - `wm`.`before`
                  )
                  ELSE `bd`.`close`
                END
              END AS `due`,
              CASE
                WHEN NOT `g`.`business`
                THEN `g`.`start` + `g`.`target_s`
                ELSE CASE
                  WHEN `g`.`target_s` = 0
                  THEN `g`.`p_start`
                  WHEN `g`.`target_s` > 0
                  THEN `g`.`p_start` + `g`.`target_s`
                  ELSE `bd`.`close_pos`
                END
              END AS `p_due`
            FROM (
              SELECT
                `f`.*,
                CASE
                  WHEN NOT `f`.`business`
                  THEN `f`.`start`
                  WHEN NOT (
                    `f`.`start` >= 1792940400 AND `f`.`start` < 1796050800
                  )
                  THEN ERROR(
                    'leadsla: a follow-up starts outside the business calendar this script holds; compile it again with --from and --to around it; the start (seconds since 1970): ' || CAST(`f`.`start` AS STRING)
                  )
                  ELSE `ws`.`before` + LEAST(COALESCE(`f`.`start` - `ws`.`w_start`, `ws`.`len`), COALESCE(`ws`.`len`, `f`.`start` - `ws`.`w_start`))
                END AS `p_start`,
                CASE
                  WHEN NOT `f`.`business`
                  THEN `f`.`stop`
                  ELSE `wt`.`before` + LEAST(COALESCE(`f`.`stop` - `wt`.`w_start`, `wt`.`len`), COALESCE(`wt`.`len`, `f`.`stop` - `wt`.`w_start`))
                END AS `p_stop`,
                CASE
                  WHEN NOT `f`.`business`
                  THEN 1795402800.0e0
                  ELSE `wa`.`before` + LEAST(
                    COALESCE(1795402800.0e0 - `wa`.`w_start`, `wa`.`len`),
                    COALESCE(`wa`.`len`, 1795402800.0e0 - `wa`.`w_start`)
                  )
                END AS `p_asof`,
                1795402800.0e0 AS `t_asof`,
                CASE WHEN `f`.`start` < `ws`.`w_end` THEN `ws`.`wi` ELSE `ws`.`wi` + 1 END AS `eff_wi`
              FROM (
                SELECT
                  *,
                  CASE `rule_idx` WHEN 0 THEN 'contact' END AS `rule`,
                  CASE `rule_idx` WHEN 0 THEN 'sales' END AS `team`,
                  CASE `rule_idx` WHEN 0 THEN TRUE END AS `business`,
                  CASE `rule_idx` WHEN 0 THEN FALSE END AS `early_met`,
                  CAST(CASE `rule_idx` WHEN 0 THEN NULL END AS FLOAT64) AS `risk_share`,
                  CAST(CASE `rule_idx` WHEN 0 THEN NULL END AS INT64) AS `risk_left_s`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `rule_idx`,
                      `_row`,
                      `lead`,
                      `owner`,
                      `tier`,
                      `target_s`,
                      `target_d`,
                      `start`,
                      `stop`,
                      `early`,
                      CASE WHEN `_stop_0` >= `start` AND `_stop_0` = `stop` THEN CAST(0 AS INT64) END AS `stop_by`,
                      CASE WHEN `_stop_0` < `start` AND `_stop_0` = `early` THEN CAST(0 AS INT64) END AS `early_by`
                    FROM (
                      SELECT
                        `rule_idx`,
                        `_row`,
                        `lead`,
                        `owner`,
                        `tier`,
                        `target_s`,
                        `target_d`,
                        `start`,
                        `_stop_0`,
                        CASE WHEN `_stop_0` >= `start` THEN `_stop_0` END AS `stop`,
                        CASE WHEN `_stop_0` < `start` THEN `_stop_0` END AS `early`
                      FROM (
                        SELECT
                          0 AS `rule_idx`,
                          `_row`,
                          `_lead` AS `lead`,
                          '(unassigned)' AS `owner`,
                          CAST(NULL AS INT64) AS `tier`,
                          CAST(14400 AS INT64) AS `target_s`,
                          CAST(NULL AS INT64) AS `target_d`,
                          `f0` AS `start`,
                          `f1` AS `_stop_0`
                        FROM `_leads_derived` AS `d`
                        WHERE
                          NOT `f0` IS NULL AND `f0` >= 1793458800.0e0
                      ) AS `i`
                    ) AS `f`
                  ) AS `u`
                ) AS `i`
              ) AS `f`
              LEFT JOIN `leadsla_windows_by_day` AS `ws`
                ON `ws`.`bucket` = FLOOR(`f`.`start` / 86400)
                AND `ws`.`w_start` <= `f`.`start`
                AND `f`.`start` < `ws`.`next_start`
              LEFT JOIN `leadsla_windows_by_day` AS `wt`
                ON `wt`.`bucket` = FLOOR(`f`.`stop` / 86400)
                AND `wt`.`w_start` <= `f`.`stop`
                AND `f`.`stop` < `wt`.`next_start`
              LEFT JOIN `leadsla_windows_by_day` AS `wa`
                ON `wa`.`bucket` = FLOOR(1795402800.0e0 / 86400)
                AND `wa`.`w_start` <= 1795402800.0e0
                AND 1795402800.0e0 < `wa`.`next_start`
            ) AS `g`
            LEFT JOIN `leadsla_windows` AS `we`
              ON `we`.`wi` = `g`.`eff_wi`
            LEFT JOIN `leadsla_windows_by_position` AS `wm`
              ON `wm`.`bucket` = FLOOR((
                `g`.`p_start` + `g`.`target_s`
              ) / 28800)
              AND `wm`.`before` < `g`.`p_start` + `g`.`target_s`
              AND `g`.`p_start` + `g`.`target_s` <= `wm`.`before` + `wm`.`len`
            LEFT JOIN `leadsla_days` AS `bd`
              ON `bd`.`idx` = `we`.`day_idx` + `g`.`target_d`
          ) AS `p`
        ) AS `it`
        WHERE
          `it`.`rule_idx` = 0
      ) AS `f`
        ON `f`.`gi` = `g`.`gi` AND COALESCE(`f`.`grp`, '') = COALESCE(`g`.`grp`, '')
    ) AS `x`
  ) AS `y`
) AS `s`
ORDER BY
  `s`.`period_start` NULLS LAST,
  `s`.`goal` NULLS LAST,
  `s`.`group` NULLS LAST;
