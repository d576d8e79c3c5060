package refdata

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed municipalities.geojson
var municipalitiesGeoJSON []byte

// Boundary is one municipality's outline in WGS84: polygons → rings → [lon, lat]. The
// first ring of each polygon is its outer edge; any further rings are holes.
type Boundary struct {
	EHAK     string
	Name     string
	Polygons [][][][2]float64
}

// boundaries parses the GeoJSON once, on first use: it is 1.3 MB, and most processes
// (backups, API-only servers) never draw a map.
var boundaries = sync.OnceValues(func() ([]Boundary, error) {
	return parseBoundaries(municipalitiesGeoJSON)
})

// Boundaries returns the 79 municipality boundaries (Maa-amet, valid 01.09.2018; see
// SOURCES.md) in EHAK order. The slice is shared by all callers: do not modify it.
func Boundaries() ([]Boundary, error) {
	return boundaries()
}

func parseBoundaries(data []byte) ([]Boundary, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				EHAK string `json:"ehak"`
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("municipalities.geojson: %w", err)
	}
	out := make([]Boundary, 0, len(fc.Features))
	for i, f := range fc.Features {
		b := Boundary{EHAK: f.Properties.EHAK, Name: f.Properties.Name}
		var err error
		switch f.Geometry.Type {
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &b.Polygons)
		case "Polygon":
			var rings [][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &rings)
			b.Polygons = [][][][2]float64{rings}
		default:
			err = fmt.Errorf("geometry type %q", f.Geometry.Type)
		}
		if err == nil && (b.EHAK == "" || len(b.Polygons) == 0) {
			err = fmt.Errorf("no EHAK code or no geometry")
		}
		if err != nil {
			return nil, fmt.Errorf("municipalities.geojson feature %d (%s): %w", i, b.EHAK, err)
		}
		out = append(out, b)
	}
	return out, nil
}
