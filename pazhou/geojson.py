"""Place boundaries in GeoJSON (RFC 7946): validation, and drawing as inline SVG.

No GIS library and no map service: a boundary is one Polygon or MultiPolygon in longitude and
latitude (WGS 84), checked here, and drawn by projecting it onto an SVG canvas, so that readers
in mainland China see the map without loading anything from another host.
"""

import json
import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

BOUNDARY_TYPES = ("Polygon", "MultiPolygon")


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_position(position, where):
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        raise ValidationError(
            _("%(where)s: a position must be [longitude, latitude], not %(value)s.")
            % {"where": where, "value": json.dumps(position, ensure_ascii=False)[:60]},
            code="invalid_position",
        )
    if not all(_is_number(coordinate) for coordinate in position):
        raise ValidationError(
            _("%(where)s: longitude and latitude must be numbers.") % {"where": where},
            code="invalid_position",
        )
    longitude, latitude = position[0], position[1]
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise ValidationError(
            _(
                "%(where)s: [%(longitude)s, %(latitude)s] is outside the globe. Give longitude "
                "(−180 to 180) first, then latitude (−90 to 90)."
            )
            % {"where": where, "longitude": longitude, "latitude": latitude},
            code="invalid_position",
        )


def _check_ring(ring, where):
    if not isinstance(ring, list | tuple) or len(ring) < 4:
        raise ValidationError(
            _("%(where)s: a ring needs at least four positions, the last equal to the first.")
            % {"where": where},
            code="invalid_ring",
        )
    for number, position in enumerate(ring, start=1):
        _check_position(
            position, _("%(where)s, point %(number)d") % {"where": where, "number": number}
        )
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise ValidationError(
            _("%(where)s: the ring is not closed; its last position must repeat the first.")
            % {"where": where},
            code="invalid_ring",
        )


def _check_polygon(rings, where):
    if not isinstance(rings, list | tuple) or not rings:
        raise ValidationError(
            _("%(where)s: a polygon is a list of rings: the outline first, then any holes.")
            % {"where": where},
            code="invalid_polygon",
        )
    for number, ring in enumerate(rings, start=1):
        _check_ring(ring, _("%(where)s, ring %(number)d") % {"where": where, "number": number})


def clean_boundary(value):
    """The boundary as a GeoJSON geometry dict, or ``None`` when empty.

    Accepts a Polygon or MultiPolygon geometry, a Feature holding one (its geometry is kept),
    or the same as JSON text. Anything else raises a ``ValidationError`` that says what is
    wrong and where.
    """
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _(
                    "The boundary is not valid JSON (%(error)s at line %(line)d, column "
                    "%(column)d). Paste a GeoJSON Polygon or MultiPolygon."
                )
                % {"error": error.msg, "line": error.lineno, "column": error.colno},
                code="invalid_json",
            ) from None
        if value is None:
            return None
    if not isinstance(value, dict):
        raise ValidationError(
            _("The boundary must be a GeoJSON object with a “type”, such as a Polygon."),
            code="invalid_geojson",
        )
    if value.get("type") == "Feature":
        value = value.get("geometry")
        if not isinstance(value, dict):
            raise ValidationError(
                _("The Feature has no geometry. Give a Polygon or MultiPolygon."),
                code="invalid_geojson",
            )
    kind = value.get("type")
    if kind not in BOUNDARY_TYPES:
        raise ValidationError(
            _(
                "The boundary must be a Polygon or MultiPolygon, not %(type)s: a place is an "
                "area, so points, lines and collections cannot outline it."
            )
            % {"type": json.dumps(kind, ensure_ascii=False) if kind is not None else _("nothing")},
            code="invalid_geometry_type",
        )
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coordinates, _("Polygon"))
    else:
        if not isinstance(coordinates, list | tuple) or not coordinates:
            raise ValidationError(
                _("A MultiPolygon is a list of polygons, and this one has none."),
                code="invalid_polygon",
            )
        for number, polygon in enumerate(coordinates, start=1):
            _check_polygon(polygon, _("Polygon %(number)d") % {"number": number})
    return {"type": kind, "coordinates": coordinates}


def polygons(geometry):
    """The polygons (lists of rings) of a cleaned boundary."""
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _ring_area(ring):
    """Twice the signed area of a ring, in degrees² (enough to find the largest polygon)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def draw(shapes, *, width=640, height=420, padding=16):
    """SVG paths for ``[(key, geometry), …]``, fitted together into a width × height canvas.

    Returns ``[(key, path_d, (label_x, label_y)), …]`` in the order given. The projection is
    equirectangular with longitudes shrunk by the cosine of the middle latitude, which is
    faithful enough at the scale of a city district.
    """
    points = [
        position
        for _key, geometry in shapes
        for polygon in polygons(geometry)
        for ring in polygon
        for position in ring
    ]
    if not points:
        return []
    longitudes = [p[0] for p in points]
    latitudes = [p[1] for p in points]
    middle = math.radians((min(latitudes) + max(latitudes)) / 2)
    squeeze = max(math.cos(middle), 0.01)
    min_x, max_x = min(longitudes) * squeeze, max(longitudes) * squeeze
    min_y, max_y = -max(latitudes), -min(latitudes)
    span_x = max(max_x - min_x, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2

    def project(position):
        x = offset_x + (position[0] * squeeze - min_x) * scale
        y = offset_y + (-position[1] - min_y) * scale
        return x, y

    drawn = []
    for key, geometry in shapes:
        commands = []
        largest, largest_area = None, -1.0
        for polygon in polygons(geometry):
            outline_area = abs(_ring_area(polygon[0]))
            if outline_area > largest_area:
                largest, largest_area = polygon[0], outline_area
            for ring in polygon:
                projected = [project(position) for position in ring[:-1]]
                commands.append("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in projected) + " Z")
        if not commands:
            continue
        label_points = [project(position) for position in largest[:-1]]
        label = (
            sum(x for x, _y in label_points) / len(label_points),
            sum(y for _x, y in label_points) / len(label_points),
        )
        drawn.append((key, " ".join(commands), label))
    return drawn
