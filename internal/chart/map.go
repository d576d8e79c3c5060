package chart

import (
	"html/template"
	"math"
	"strings"

	"kovit/internal/refdata"
)

// MapOptions says what a rendered map shows. All maps are keyed by EHAK code.
type MapOptions struct {
	ID    string            // prefix for the map's title and desc ids; default "map"
	Title string            // accessible name
	Desc  string            // longer description, optional
	Fill  map[string]string // EHAK → fill colour; missing → neutral grey
	Label map[string]string // EHAK → tooltip, and a link's accessible name; missing → the municipality's name
	Link  map[string]string // EHAK → href; a linked shape is wrapped in <a>
	Width int               // displayed width in px; default the Mapper's width
	// Stroke outlines every shape; default white. A dark one keeps light fills apart from
	// the page at the 3:1 that WCAG asks of graphics.
	Stroke string
}

// Mapper holds municipality shapes already projected to SVG path data, so a page renders a
// map by string concatenation instead of re-projecting 70 000 points per request. It is never
// changed after NewMapper, so one Mapper may serve concurrent requests.
type Mapper struct {
	width, height int
	shapes        []shape
}

type shape struct{ ehak, name, d string }

// cosLat shrinks longitude to match latitude at Estonia's middle (58.6°N), which keeps an
// equirectangular projection close to true shape over a country this small.
var cosLat = math.Cos(58.6 * math.Pi / 180)

// pad keeps the outermost strokes inside the view box.
const pad = 2

// Map projects and renders in one step; pages that draw the same map often should keep a Mapper.
func Map(b []refdata.Boundary, opts MapOptions) template.HTML {
	return NewMapper(b, opts.Width).Render(opts)
}

// NewMapper projects the boundaries into a view box width px wide (default 640), the height
// following from the data's bounding box.
func NewMapper(b []refdata.Boundary, width int) *Mapper {
	if width <= 0 {
		width = 640
	}
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, bd := range b {
		for _, poly := range bd.Polygons {
			for _, ring := range poly {
				for _, p := range ring {
					minLon, maxLon = min(minLon, p[0]), max(maxLon, p[0])
					minLat, maxLat = min(minLat, p[1]), max(maxLat, p[1])
				}
			}
		}
	}
	scale := 0.0
	if spanX := (maxLon - minLon) * cosLat; spanX > 0 && width > 2*pad {
		scale = float64(width-2*pad) / spanX
	}
	m := &Mapper{width: width, height: pad * 2}
	if scale > 0 {
		m.height = int(math.Ceil((maxLat-minLat)*scale)) + 2*pad
	}
	// Work in tenths of a pixel as integers: rounding once here makes duplicate and
	// collinear points exact to detect and relative offsets free of drift.
	project := func(p [2]float64) [2]int {
		x := pad + (p[0]-minLon)*cosLat*scale
		y := pad + (maxLat-p[1])*scale
		return [2]int{int(math.Round(x * 10)), int(math.Round(y * 10))}
	}
	for _, bd := range b {
		var d strings.Builder
		var cur [2]int // start of the previous subpath: where "z" leaves the pen
		for _, poly := range bd.Polygons {
			for _, ring := range poly {
				pts := simplify(ring, project)
				if pts == nil {
					continue // collapsed below a visible size
				}
				writeRing(&d, cur, pts)
				cur = pts[0]
			}
		}
		m.shapes = append(m.shapes, shape{ehak: bd.EHAK, name: bd.Name, d: d.String()})
	}
	return m
}

// Render draws every municipality as one path, in the boundaries' order. With links the root
// is a group, not an image: role="img" would hide the links from screen readers.
func (m *Mapper) Render(opts MapOptions) template.HTML {
	id := opts.ID
	if id == "" {
		id = "map"
	}
	width := opts.Width
	if width <= 0 {
		width = m.width
	}
	role := "img"
	if len(opts.Link) > 0 {
		role = "group"
	}
	stroke := opts.Stroke
	if stroke == "" {
		stroke = "#ffffff"
	}
	var b strings.Builder
	b.Grow(m.size() + len(m.shapes)*256) // path data plus tags, a title and a link each
	height := float64(width) * float64(m.height) / float64(m.width)
	svgOpen(&b, id, role, float64(width), height, m.width, m.height, opts.Title, opts.Desc)
	for _, s := range m.shapes {
		href, linked := opts.Link[s.ehak]
		if linked {
			b.WriteString(`<a href="` + esc(safeURL(href)) + `">`)
		}
		fill, ok := opts.Fill[s.ehak]
		if !ok {
			fill = neutral
		}
		label, ok := opts.Label[s.ehak]
		if !ok {
			label = s.name
		}
		// Separate writes: concatenating would copy each path's data once more per request.
		b.WriteString(`<path id="m-` + esc(s.ehak) + `" fill="` + esc(fill) +
			`" fill-rule="evenodd" stroke="` + esc(stroke) + `" stroke-width="0.5" stroke-linejoin="round" d="`)
		b.WriteString(s.d)
		b.WriteString(`"><title>` + esc(label) + `</title></path>`)
		if linked {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// size is the total path data length, to size the output buffer in one allocation.
func (m *Mapper) size() int {
	n := 512
	for _, s := range m.shapes {
		n += len(s.d)
	}
	return n
}
