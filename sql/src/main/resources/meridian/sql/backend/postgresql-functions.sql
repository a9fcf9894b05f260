-- Meridian's functions in PostgreSQL: the same names, arguments and results as the Java
-- functions Derby runs (meridian.sql.geom.GeometryFunctions), so the ADQL translators of both
-- backends call the same "MERIDIAN"."NAME"(...) and users get the same values. Geometry values
-- are STC-S text, as stored in the tables; the predicates and areas are computed by pgSphere.
-- Every function is STRICT (NULL in, NULL out) and IMMUTABLE. Run by PostgresBackend.prepare at
-- every start: CREATE OR REPLACE keeps it idempotent. Needs pgSphere (spoint, scircle, spoly).

CREATE SCHEMA IF NOT EXISTS "MERIDIAN";

-- ---------------------------------------------------------------- numbers

-- a number as text in the shortest form, integral values without a fraction (Stcs.number)
CREATE OR REPLACE FUNCTION "MERIDIAN"."TO_TEXT"(x float8) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN x <> 'NaN'::float8 AND abs(x) < 1e15 AND x = trunc(x) THEN trunc(x)::bigint::text
              ELSE x::text END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."TO_DOUBLE"(t text) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT btrim(t)::float8 $$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."TO_TIMESTAMP"(t text) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT rtrim(btrim(t), 'Z')::timestamp $$;

-- ADQL ROUND: half away from zero, n may be negative
CREATE OR REPLACE FUNCTION "MERIDIAN"."ROUND"(x float8, n integer) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN x IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN x
              ELSE round(x::text::numeric, n)::float8 END
$$;

-- ADQL TRUNCATE: towards zero, n may be negative
CREATE OR REPLACE FUNCTION "MERIDIAN"."TRUNCATE"(x float8, n integer) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN x IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN x
              ELSE trunc(x::text::numeric, n)::float8 END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."POWER"(x float8, y float8) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT power(x, y) $$;

-- the remainder with the sign of x, NaN for a zero divisor (Java's %)
CREATE OR REPLACE FUNCTION "MERIDIAN"."MOD"(x float8, y float8) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN y = 0 OR x IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN 'NaN'::float8
              ELSE mod(x::text::numeric, y::text::numeric)::float8 END
$$;

-- ADQL RAND(seed): a number in [0, 1) that depends only on the seed
CREATE OR REPLACE FUNCTION "MERIDIAN"."RAND"(seed integer) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (hashint4(seed)::bigint + 2147483648) / 4294967296.0::float8
$$;

-- ---------------------------------------------------------------- STC-S text

-- kind (point, circle, box or polygon), frame ('' when absent) and the numbers of an STC-S region
CREATE OR REPLACE FUNCTION "MERIDIAN"."STCS_PARSE"(g text, OUT kind text, OUT frame text, OUT n float8[])
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  tok text[] := regexp_split_to_array(btrim(g, E' \t\r\n'), '[\s(),]+');
  i integer := 2;
  len integer;
BEGIN
  len := coalesce(array_length(tok, 1), 0);
  kind := lower(tok[1]);
  frame := '';
  n := '{}';
  IF btrim(g, E' \t\r\n') = '' THEN
    RAISE EXCEPTION 'empty STC-S region';
  END IF;
  WHILE i <= len AND tok[i] !~ '^[-+.0-9]' LOOP
    IF frame = '' THEN
      frame := upper(tok[i]);
    END IF;
    i := i + 1;
  END LOOP;
  WHILE i <= len LOOP
    IF tok[i] <> '' THEN
      IF tok[i] !~ '^[-+.0-9]' THEN
        RAISE EXCEPTION 'unexpected word ''%'' in STC-S region: %', tok[i], g;
      END IF;
      n := n || tok[i]::float8;
    END IF;
    i := i + 1;
  END LOOP;
  len := coalesce(array_length(n, 1), 0);
  IF kind IN ('position', 'point') THEN
    kind := 'point';
    IF len <> 2 THEN RAISE EXCEPTION 'expected 2 numbers in STC-S region: %', g; END IF;
  ELSIF kind = 'circle' THEN
    IF len <> 3 THEN RAISE EXCEPTION 'expected 3 numbers in STC-S region: %', g; END IF;
  ELSIF kind = 'box' THEN
    IF len <> 4 THEN RAISE EXCEPTION 'expected 4 numbers in STC-S region: %', g; END IF;
    IF n[3] < 0 OR n[4] < 0 THEN RAISE EXCEPTION 'box width and height must not be negative'; END IF;
    IF n[3] >= 180 OR n[4] >= 180 THEN RAISE EXCEPTION 'box width and height must be below 180 degrees'; END IF;
  ELSIF kind = 'polygon' THEN
    IF len < 6 OR len % 2 <> 0 THEN
      RAISE EXCEPTION 'a polygon needs at least 3 vertices (6 numbers), got %', len;
    END IF;
  ELSE
    RAISE EXCEPTION 'unsupported STC-S region ''%'' (expected Position, Circle, Box or Polygon): %', tok[1], g;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."STCS_FORMAT"(kind text, frame text, n float8[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE kind WHEN 'point' THEN 'Position' WHEN 'circle' THEN 'Circle' WHEN 'box' THEN 'Box' ELSE 'Polygon' END
      || CASE WHEN frame = '' THEN '' ELSE ' ' || frame END
      || (SELECT coalesce(string_agg(' ' || "MERIDIAN"."TO_TEXT"(v), '' ORDER BY i), '')
            FROM unnest(n) WITH ORDINALITY AS u(v, i))
$$;

-- the corner (x, y) of the tangent plane at (lon, lat): ra, dec of the inverse gnomonic projection
CREATE OR REPLACE FUNCTION "MERIDIAN"."TANGENT_POINT"(lon float8, lat float8, x float8, y float8) RETURNS float8[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY[ra - 360 * floor(ra / 360), degrees(atan2(sin(radians(lat)) + y * cos(radians(lat)),
                  sqrt(x * x + power(cos(radians(lat)) - y * sin(radians(lat)), 2))))]
    FROM (SELECT lon + degrees(atan2(x, cos(radians(lat)) - y * sin(radians(lat)))) AS ra) AS corner
$$;

-- the vertices of a polygon or of a box's four corners (Shape.Box.toPolygon: the sides are great
-- circles, so the corners are (+-tan(width/2), +-tan(height/2)) on the tangent plane at the centre)
CREATE OR REPLACE FUNCTION "MERIDIAN"."VERTICES"(kind text, n float8[]) RETURNS float8[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN kind = 'box' THEN
           "MERIDIAN"."TANGENT_POINT"(n[1], n[2], -tan(radians(n[3] / 2)), -tan(radians(n[4] / 2)))
           || "MERIDIAN"."TANGENT_POINT"(n[1], n[2], tan(radians(n[3] / 2)), -tan(radians(n[4] / 2)))
           || "MERIDIAN"."TANGENT_POINT"(n[1], n[2], tan(radians(n[3] / 2)), tan(radians(n[4] / 2)))
           || "MERIDIAN"."TANGENT_POINT"(n[1], n[2], -tan(radians(n[3] / 2)), tan(radians(n[4] / 2)))
         ELSE n END
$$;

-- ---------------------------------------------------------------- pgSphere values

-- the indexed position of a row: pgSphere point of (ra, dec) in degrees, Dec clamped to the poles.
-- Index expressions and the translator's pre-filters use exactly this function.
CREATE OR REPLACE FUNCTION "MERIDIAN"."POS"(lon float8, lat float8) RETURNS spoint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT spoint(radians(lon), radians(greatest(-90, least(90, lat))))
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."SCIRCLE"(lon float8, lat float8, radius float8) RETURNS scircle
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT scircle("MERIDIAN"."POS"(lon, lat), radians(radius))
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."SPOLY"(v float8[]) RETURNS spoly
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ('{' || string_agg(format('(%sd,%sd)', v[2 * i - 1], greatest(-90, least(90, v[2 * i]))), ',' ORDER BY i)
          || '}')::spoly
    FROM generate_series(1, array_length(v, 1) / 2) AS i
$$;

-- ---------------------------------------------------------------- constructors (STC-S text)

CREATE OR REPLACE FUNCTION "MERIDIAN"."POINT"(lon float8, lat float8) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT "MERIDIAN"."STCS_FORMAT"('point', 'ICRS', ARRAY[lon, lat])
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."CIRCLE"(lon float8, lat float8, radius float8) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT "MERIDIAN"."STCS_FORMAT"('circle', 'ICRS', ARRAY[lon, lat, radius])
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."BOX"(lon float8, lat float8, width float8, height float8) RETURNS varchar
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF width < 0 OR height < 0 THEN
    RAISE EXCEPTION 'box width and height must not be negative';
  END IF;
  IF width >= 180 OR height >= 180 THEN
    RAISE EXCEPTION 'box width and height must be below 180 degrees';
  END IF;
  RETURN "MERIDIAN"."STCS_FORMAT"('box', 'ICRS', ARRAY[lon, lat, width, height]);
END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."POLYGON"(VARIADIC coords float8[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF coalesce(array_length(coords, 1), 0) < 6 OR array_length(coords, 1) % 2 <> 0 THEN
    RAISE EXCEPTION 'a polygon needs at least 3 vertices (6 numbers), got %', coalesce(array_length(coords, 1), 0);
  END IF;
  RETURN "MERIDIAN"."STCS_FORMAT"('polygon', 'ICRS', coords);
END
$$;

-- ---------------------------------------------------------------- measures

-- great-circle distance in degrees (Vincenty's formula, as SphericalGeometry.distance)
CREATE OR REPLACE FUNCTION "MERIDIAN"."DISTANCE"(lon1 float8, lat1 float8, lon2 float8, lat2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT degrees(atan2(
      sqrt(power(cos(radians(lat2)) * sin(radians(lon2 - lon1)), 2)
           + power(cos(radians(lat1)) * sin(radians(lat2))
                   - sin(radians(lat1)) * cos(radians(lat2)) * cos(radians(lon2 - lon1)), 2)),
      sin(radians(lat1)) * sin(radians(lat2))
          + cos(radians(lat1)) * cos(radians(lat2)) * cos(radians(lon2 - lon1))))
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."COORD1"(g text) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE a record := "MERIDIAN"."STCS_PARSE"(g);
BEGIN
  IF a.kind <> 'point' THEN RAISE EXCEPTION 'not a point: %', upper(split_part(btrim(g), ' ', 1)); END IF;
  RETURN a.n[1];
END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."COORD2"(g text) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE a record := "MERIDIAN"."STCS_PARSE"(g);
BEGIN
  IF a.kind <> 'point' THEN RAISE EXCEPTION 'not a point: %', upper(split_part(btrim(g), ' ', 1)); END IF;
  RETURN a.n[2];
END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."GEOM_DISTANCE"(g1 text, g2 text) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT "MERIDIAN"."DISTANCE"("MERIDIAN"."COORD1"(g1), "MERIDIAN"."COORD2"(g1),
                               "MERIDIAN"."COORD1"(g2), "MERIDIAN"."COORD2"(g2))
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."COORDSYS"(g text) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT ("MERIDIAN"."STCS_PARSE"(g)).frame $$;

-- ADQL REGION: the STC-S text, normalised
CREATE OR REPLACE FUNCTION "MERIDIAN"."REGION"(g text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT "MERIDIAN"."STCS_FORMAT"(p.kind, p.frame, p.n) FROM "MERIDIAN"."STCS_PARSE"(g) AS p
$$;

-- square degrees; 0 for a point
CREATE OR REPLACE FUNCTION "MERIDIAN"."AREA"(g text) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE a record := "MERIDIAN"."STCS_PARSE"(g);
BEGIN
  IF a.kind = 'point' THEN
    RETURN 0;
  ELSIF a.kind = 'circle' THEN
    RETURN 2 * pi() * (1 - cos(radians(a.n[3]))) * power(180 / pi(), 2);
  END IF;
  RETURN area("MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(a.kind, a.n))) * power(180 / pi(), 2);
END
$$;

-- the centre of a circle or box, the area-weighted centre of a polygon (SphericalGeometry.centroid)
CREATE OR REPLACE FUNCTION "MERIDIAN"."CENTROID"(g text) RETURNS varchar
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  a record := "MERIDIAN"."STCS_PARSE"(g);
  m integer;
  x float8[]; y float8[]; z float8[];
  cx float8 := 0; cy float8 := 0; cz float8 := 0; len float8;
  sx float8 := 0; sy float8 := 0; sz float8 := 0;
  j integer; k integer; num float8; den float8; w float8;
BEGIN
  IF a.kind IN ('point', 'circle', 'box') THEN
    RETURN "MERIDIAN"."STCS_FORMAT"('point', a.frame, a.n[1:2]);
  END IF;
  m := array_length(a.n, 1) / 2;
  FOR j IN 1..m LOOP
    x[j] := cos(radians(a.n[2 * j])) * cos(radians(a.n[2 * j - 1]));
    y[j] := cos(radians(a.n[2 * j])) * sin(radians(a.n[2 * j - 1]));
    z[j] := sin(radians(a.n[2 * j]));
    cx := cx + x[j]; cy := cy + y[j]; cz := cz + z[j];
  END LOOP;
  len := sqrt(cx * cx + cy * cy + cz * cz);
  IF len < 1e-12 THEN
    RAISE EXCEPTION 'polygon is too large (a hemisphere or more): %', g;
  END IF;
  cx := cx / len; cy := cy / len; cz := cz / len;
  FOR j IN 1..m LOOP
    k := j % m + 1;
    -- signed area of the triangle (centre, v[j], v[k]), Oosterom and Strackee
    num := cx * (y[j] * z[k] - z[j] * y[k]) + cy * (z[j] * x[k] - x[j] * z[k]) + cz * (x[j] * y[k] - y[j] * x[k]);
    den := 1 + (cx * x[j] + cy * y[j] + cz * z[j]) + (x[j] * x[k] + y[j] * y[k] + z[j] * z[k])
             + (x[k] * cx + y[k] * cy + z[k] * cz);
    w := abs(2 * atan2(num, den));
    sx := sx + (cx + x[j] + x[k]) * w;
    sy := sy + (cy + y[j] + y[k]) * w;
    sz := sz + (cz + z[j] + z[k]) * w;
  END LOOP;
  len := sqrt(sx * sx + sy * sy + sz * sz);
  IF len > 0 THEN
    cx := sx / len; cy := sy / len; cz := sz / len;
  END IF;
  w := degrees(atan2(cy, cx));
  IF w < 0 THEN
    w := w + 360;
  END IF;
  RETURN "MERIDIAN"."STCS_FORMAT"('point', a.frame, ARRAY[w, degrees(atan2(cz, sqrt(cx * cx + cy * cy)))]);
END
$$;

-- ---------------------------------------------------------------- predicates (1 true, 0 false)

CREATE OR REPLACE FUNCTION "MERIDIAN"."IN_CIRCLE"(lon float8, lat float8, clon float8, clat float8, radius float8)
RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN "MERIDIAN"."DISTANCE"(lon, lat, clon, clat) <= radius THEN 1 ELSE 0 END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."CONTAINS_POINT"(lon float8, lat float8, g text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE b record := "MERIDIAN"."STCS_PARSE"(g);
BEGIN
  IF b.kind = 'point' THEN
    RETURN CASE WHEN "MERIDIAN"."DISTANCE"(lon, lat, b.n[1], b.n[2]) = 0 THEN 1 ELSE 0 END;
  ELSIF b.kind = 'circle' THEN
    RETURN CASE WHEN "MERIDIAN"."DISTANCE"(lon, lat, b.n[1], b.n[2]) <= b.n[3] THEN 1 ELSE 0 END;
  END IF;
  RETURN CASE WHEN "MERIDIAN"."POS"(lon, lat) <@ "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(b.kind, b.n))
              THEN 1 ELSE 0 END;
END
$$;

-- ADQL CONTAINS(inner, outer)
CREATE OR REPLACE FUNCTION "MERIDIAN"."CONTAINS"(g1 text, g2 text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  a record := "MERIDIAN"."STCS_PARSE"(g1);
  b record := "MERIDIAN"."STCS_PARSE"(g2);
  r boolean;
BEGIN
  IF a.kind = 'point' THEN
    RETURN "MERIDIAN"."CONTAINS_POINT"(a.n[1], a.n[2], g2);
  ELSIF b.kind = 'point' THEN
    r := a.kind = 'circle' AND a.n[3] = 0 AND "MERIDIAN"."DISTANCE"(a.n[1], a.n[2], b.n[1], b.n[2]) = 0;
  ELSIF a.kind = 'circle' AND b.kind = 'circle' THEN
    r := "MERIDIAN"."SCIRCLE"(a.n[1], a.n[2], a.n[3]) <@ "MERIDIAN"."SCIRCLE"(b.n[1], b.n[2], b.n[3]);
  ELSIF a.kind = 'circle' THEN
    r := "MERIDIAN"."SCIRCLE"(a.n[1], a.n[2], a.n[3]) <@ "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(b.kind, b.n));
  ELSIF b.kind = 'circle' THEN
    r := "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(a.kind, a.n)) <@ "MERIDIAN"."SCIRCLE"(b.n[1], b.n[2], b.n[3]);
  ELSE
    r := "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(a.kind, a.n))
         <@ "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(b.kind, b.n));
  END IF;
  RETURN CASE WHEN r THEN 1 ELSE 0 END;
END
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."INTERSECTS"(g1 text, g2 text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  a record := "MERIDIAN"."STCS_PARSE"(g1);
  b record := "MERIDIAN"."STCS_PARSE"(g2);
  r boolean;
BEGIN
  IF a.kind = 'point' THEN
    RETURN "MERIDIAN"."CONTAINS_POINT"(a.n[1], a.n[2], g2);
  ELSIF b.kind = 'point' THEN
    RETURN "MERIDIAN"."CONTAINS_POINT"(b.n[1], b.n[2], g1);
  ELSIF a.kind = 'circle' AND b.kind = 'circle' THEN
    r := "MERIDIAN"."SCIRCLE"(a.n[1], a.n[2], a.n[3]) && "MERIDIAN"."SCIRCLE"(b.n[1], b.n[2], b.n[3]);
  ELSIF a.kind = 'circle' THEN
    r := "MERIDIAN"."SCIRCLE"(a.n[1], a.n[2], a.n[3]) && "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(b.kind, b.n));
  ELSIF b.kind = 'circle' THEN
    r := "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(a.kind, a.n)) && "MERIDIAN"."SCIRCLE"(b.n[1], b.n[2], b.n[3]);
  ELSE
    r := "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(a.kind, a.n))
         && "MERIDIAN"."SPOLY"("MERIDIAN"."VERTICES"(b.kind, b.n));
  END IF;
  RETURN CASE WHEN r THEN 1 ELSE 0 END;
END
$$;

-- ---------------------------------------------------------------- ADQL user-defined functions
-- the ivo_ functions of DaCHS and the CDS library (meridian.adql.AdqlFunctions); the Derby bodies
-- are meridian.sql.geom.UserFunctions, with the same results

-- LIKE without regard to case, no escape character (as Derby's LIKE)
CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_NOCASEMATCH"(v text, pattern text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN v ILIKE pattern ESCAPE '' THEN 1 ELSE 0 END
$$;

-- the words of needle occur as consecutive whole words of haystack; words are runs of a-z0-9
CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_HASWORD"(haystack text, needle text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN n = '' THEN 0
              WHEN strpos(' ' || h || ' ', ' ' || n || ' ') > 0 THEN 1 ELSE 0 END
  FROM (SELECT btrim(regexp_replace(lower(haystack), '[^a-z0-9]+', ' ', 'g')) AS h,
               btrim(regexp_replace(lower(needle), '[^a-z0-9]+', ' ', 'g')) AS n) AS w
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_HASHLIST_HAS"(hashlist text, item text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN lower(item) = ANY(string_to_array(lower(hashlist), '#')) THEN 1 ELSE 0 END
$$;

-- closed intervals sharing a point; an inverted interval overlaps nothing
CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_INTERVAL_OVERLAPS"(l1 float8, h1 float8, l2 float8, h2 float8)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN l1 <= h1 AND l2 <= h2 AND h1 >= l2 AND h2 >= l1 THEN 1 ELSE 0 END
$$;

-- NESTED HEALPix (pgSphere's implementation; Derby's is meridian.sql.geom.Healpix)
CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_HEALPIX_INDEX"(hp_order integer, lon float8, lat float8) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT healpix_nest(hp_order, spoint(radians(lon), radians(lat)))
$$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_HEALPIX_CENTER"(hp_order integer, ipix bigint) RETURNS varchar
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT "MERIDIAN"."POINT"(degrees(long(c)), degrees(lat(c))) FROM center_of_healpix_nest(hp_order, ipix) AS c
$$;

-- ivo_string_agg(expr, delim): each value packed with its delimiter (delim, U+0001, value), as
-- Derby's one-argument aggregate needs it, then joined by the aggregate; NULLs are skipped
CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_STRING_AGG_ITEM"(v text, delim text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT delim || chr(1) || v $$;

CREATE OR REPLACE FUNCTION "MERIDIAN"."IVO_STRING_AGG_STEP"(acc text, item text) RETURNS text
LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE AS $$
  SELECT CASE WHEN item IS NULL THEN acc
              WHEN acc IS NULL THEN substr(item, strpos(item, chr(1)) + 1)
              ELSE acc || substr(item, 1, strpos(item, chr(1)) - 1) || substr(item, strpos(item, chr(1)) + 1) END
$$;

CREATE OR REPLACE AGGREGATE "MERIDIAN"."IVO_STRING_AGG"(text) (
  SFUNC = "MERIDIAN"."IVO_STRING_AGG_STEP",
  STYPE = text
);
