package chart

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/refdata"
)

func boundaries(t testing.TB) []refdata.Boundary {
	t.Helper()
	b, err := refdata.Boundaries()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMap(t *testing.T) {
	bs := boundaries(t)
	opts := MapOptions{
		Title: "E-teenuste küpsus", Desc: "Omavalitsused küpsustaseme järgi",
		Fill: map[string]string{}, Label: map[string]string{}, Link: map[string]string{},
	}
	for i, b := range bs[1:] { // the first municipality has no data: it must fall back
		opts.Fill[b.EHAK] = LevelColour(i % 6)
		opts.Label[b.EHAK] = b.Name + ": tase " + strconv.Itoa(i%6)
		opts.Link[b.EHAK] = "/municipalities/" + b.EHAK
	}
	opts.Link[bs[1].EHAK] = "javascript:alert(1)"

	out := string(Map(bs, opts))
	t.Logf("map of %d municipalities at 640 px: %d bytes", len(bs), len(out))
	if len(out) > 300_000 {
		t.Errorf("map is %d bytes, want under 300 KB", len(out))
	}
	if again := NewMapper(bs, 640).Render(opts); string(again) != out {
		t.Error("same input gave different output")
	}
	root := parseSVG(t, out)
	if root.attr("role") != "group" {
		t.Errorf("linked map role = %q, want group so its links stay reachable", root.attr("role"))
	}
	paths := all(root, "path")
	if len(paths) != 79 {
		t.Fatalf("%d paths, want 79", len(paths))
	}
	for i, p := range paths {
		b := bs[i]
		wantFill, wantTitle := opts.Fill[b.EHAK], opts.Label[b.EHAK]
		if i == 0 {
			wantFill, wantTitle = "#d0d5db", b.Name
		}
		if got := p.attr("id"); got != "m-"+b.EHAK {
			t.Errorf("path %d id = %q, want m-%s", i, got, b.EHAK)
		}
		if got := p.attr("fill"); got != wantFill {
			t.Errorf("%s fill = %q, want %q", b.EHAK, got, wantFill)
		}
		if p.attr("fill-rule") != "evenodd" || p.attr("stroke") != "#ffffff" || p.attr("d") == "" {
			t.Errorf("%s: fill-rule %q stroke %q d %.20q", b.EHAK, p.attr("fill-rule"), p.attr("stroke"), p.attr("d"))
		}
		if len(p.Children) != 1 || p.Children[0].XMLName.Local != "title" || p.Children[0].Text != wantTitle {
			t.Errorf("%s title = %+v, want %q", b.EHAK, p.Children, wantTitle)
		}
	}
	links := all(root, "a")
	if len(links) != 78 {
		t.Fatalf("%d links, want 78", len(links))
	}
	if got := links[0].attr("href"); got != "#" {
		t.Errorf("javascript: link rendered as %q", got)
	}
	if got := links[1].attr("href"); got != "/municipalities/"+bs[2].EHAK {
		t.Errorf("link = %q", got)
	}
}

func TestMapDefaults(t *testing.T) {
	bs := boundaries(t)
	root := parseSVG(t, string(Map(bs, MapOptions{Title: "Kaart"})))
	if root.attr("role") != "img" || root.attr("width") != "640" || root.attr("aria-labelledby") != "map-title" {
		t.Errorf("root attributes = %v", root.Attrs)
	}
	// Render scales a Mapper's geometry to another displayed width without re-projecting.
	wide := parseSVG(t, string(NewMapper(bs, 640).Render(MapOptions{ID: "wide", Width: 1280})))
	if wide.attr("width") != "1280" || wide.attr("viewBox") != root.attr("viewBox") || wide.attr("aria-labelledby") != "wide-title" {
		t.Errorf("scaled root attributes = %v", wide.Attrs)
	}
	if got := parseSVG(t, string(Map(nil, MapOptions{}))); len(all(got, "path")) != 0 {
		t.Error("empty boundaries drew paths")
	}
}

var number = regexp.MustCompile(`-?(\d+(\.\d*)?|\.\d+)`)

// absolute decodes this package's relative path data ("m…z" subpaths) into absolute points.
func absolute(t *testing.T, d string) [][][2]float64 {
	t.Helper()
	var rings [][][2]float64
	var start [2]float64
	for _, sub := range regexp.MustCompile(`m([^z]*)z`).FindAllStringSubmatch(d, -1) {
		nums := number.FindAllString(sub[1], -1)
		if len(nums)%2 != 0 {
			t.Fatalf("odd number count in %q", sub[1])
		}
		var ring [][2]float64
		cur := start
		for i := 0; i < len(nums); i += 2 {
			dx, _ := strconv.ParseFloat(nums[i], 64)
			dy, _ := strconv.ParseFloat(nums[i+1], 64)
			cur = [2]float64{cur[0] + dx, cur[1] + dy}
			ring = append(ring, cur)
		}
		start = ring[0]
		rings = append(rings, ring)
	}
	return rings
}

func TestMapperProjection(t *testing.T) {
	m := NewMapper(boundaries(t), 640)
	first := map[string][2]float64{}
	for _, s := range m.shapes {
		rings := absolute(t, s.d)
		first[s.ehak] = rings[0][0]
		for _, r := range rings {
			for _, p := range r {
				if p[0] < 0 || p[0] > float64(m.width) || p[1] < 0 || p[1] > float64(m.height) {
					t.Fatalf("%s: point %v outside the %d×%d view box", s.ehak, p, m.width, m.height)
				}
			}
		}
	}
	// North is up and west is left: Tallinn above Valga, Saaremaa left of Narva.
	if first["0784"][1] >= first["0855"][1] || first["0714"][0] >= first["0511"][0] {
		t.Errorf("Tallinn %v Valga %v Saaremaa %v Narva %v", first["0784"], first["0855"], first["0714"], first["0511"])
	}
	// Estonia is about 1.5 times as wide as tall once longitude is scaled by cos(58.6°).
	if r := float64(m.width) / float64(m.height); r < 1.35 || r > 1.6 {
		t.Errorf("aspect %d×%d = %.2f", m.width, m.height, r)
	}
}

func TestSimplifyAndWriteRing(t *testing.T) {
	id := func(p [2]float64) [2]int { return [2]int{int(p[0]), int(p[1])} }
	tests := []struct {
		name string
		ring [][2]float64
		want [][2]int
	}{
		{"square with duplicates, collinear points and closing point",
			[][2]float64{{0, 0}, {50, 0}, {100, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
			[][2]int{{0, 0}, {100, 0}, {100, 100}, {0, 100}}},
		{"bump within tolerance is dropped",
			[][2]float64{{0, 0}, {50, tolerance}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
			[][2]int{{0, 0}, {100, 0}, {100, 100}, {0, 100}}},
		{"bump beyond tolerance stays",
			[][2]float64{{0, 0}, {50, tolerance + 1}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
			[][2]int{{0, 0}, {50, tolerance + 1}, {100, 0}, {100, 100}, {0, 100}}},
		{"collapsed to a line", [][2]float64{{0, 0}, {10, 10}, {20, 20}, {0, 0}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := simplify(tt.ring, id)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("simplify = %v, want %v", got, tt.want)
			}
			if got == nil {
				return
			}
			var d strings.Builder
			writeRing(&d, [2]int{-35, 7}, got)
			rings := absolute(t, d.String())
			for i, p := range rings[0] {
				// absolute starts from 0,0, writeRing from -3.5,.7: undo that offset.
				want := [2]float64{float64(got[i][0]+35) / 10, float64(got[i][1]-7) / 10}
				if diff := [2]float64{p[0] - want[0], p[1] - want[1]}; diff[0]*diff[0]+diff[1]*diff[1] > 1e-9 {
					t.Errorf("%q decodes point %d to %v, want %v", d.String(), i, p, want)
				}
			}
		})
	}
}

func TestTenths(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{{0, "0"}, {5, ".5"}, {-5, "-.5"}, {15, "1.5"}, {20, "2"}, {-105, "-10.5"}}
	for _, tt := range tests {
		if got := tenths(tt.in); got != tt.want {
			t.Errorf("tenths(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkMapRender(b *testing.B) {
	bs := boundaries(b)
	m := NewMapper(bs, 640)
	opts := MapOptions{Title: "Kaart", Fill: map[string]string{}, Label: map[string]string{}, Link: map[string]string{}}
	for i, bd := range bs {
		opts.Fill[bd.EHAK] = LevelColour(i % 6)
		opts.Label[bd.EHAK] = bd.Name + ": tase " + strconv.Itoa(i%6)
		opts.Link[bd.EHAK] = "/municipalities/" + bd.EHAK
	}
	for b.Loop() {
		_ = m.Render(opts)
	}
}

func BenchmarkNewMapper(b *testing.B) {
	bs := boundaries(b)
	for b.Loop() {
		_ = NewMapper(bs, 640)
	}
}
