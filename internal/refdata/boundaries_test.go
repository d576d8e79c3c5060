package refdata

import (
	"slices"
	"testing"
)

func TestBoundaries(t *testing.T) {
	bs, err := Boundaries()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, b := range bs {
		got = append(got, b.EHAK)
		for _, p := range b.Polygons {
			for _, r := range p {
				// A closed ring needs at least four positions, the last equal to the first.
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Errorf("%s %s: ring of %d points is not closed", b.EHAK, b.Name, len(r))
				}
				for _, pt := range r {
					if pt[0] < 21.5 || pt[0] > 28.5 || pt[1] < 57.4 || pt[1] > 59.9 {
						t.Fatalf("%s: point %v is outside Estonia", b.EHAK, pt)
					}
				}
			}
		}
	}
	for _, m := range ms {
		want = append(want, m.EHAK)
	}
	slices.Sort(want)
	if len(bs) != 79 || !slices.Equal(got, want) {
		t.Errorf("boundary codes = %v\nwant %v", got, want)
	}
}

func TestParseBoundariesGeometryTypes(t *testing.T) {
	tests := []struct {
		name     string
		geometry string
		polygons int
		wantErr  bool
	}{
		{"polygon", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`, 1, false},
		{"multipolygon", `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}`, 2, false},
		{"point", `{"type":"Point","coordinates":[0,0]}`, 0, true},
		{"bad coordinates", `{"type":"Polygon","coordinates":[0,0]}`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := `{"features":[{"properties":{"ehak":"0001","name":"X"},"geometry":` + tt.geometry + `}]}`
			bs, err := parseBoundaries([]byte(data))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && len(bs[0].Polygons) != tt.polygons {
				t.Errorf("polygons = %d, want %d", len(bs[0].Polygons), tt.polygons)
			}
		})
	}
}
