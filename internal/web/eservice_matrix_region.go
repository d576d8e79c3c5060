package web

// ExportCounty is the name of the region the matrix is filtered to, whose municipalities
// alone the export links download (they carry the page's county), or "" for the whole
// country. The label says so: a region's file is not the country's.
func (p matrixPage) ExportCounty() string {
	for _, c := range p.Counties {
		if p.Filter.CountyEHAK != "" && c.EHAK == p.Filter.CountyEHAK {
			return c.Name
		}
	}
	return ""
}
