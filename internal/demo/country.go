package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// CountrySetting names, in a synthetic database, the size of the synthetic country the
// generator wrote (CountryShape.Name), beside SyntheticSetting.
const CountrySetting = "synthetic_country"

// CountryThroughSetting names the last month (YYYY-MM) of a synthetic country's history.
const CountryThroughSetting = "synthetic_country_through"

// CountryStore is what the synthetic country's generator needs: the bulk writer of
// synthetic rows (sqlstore.BulkInsert) besides the ordinary store methods.
type CountryStore interface {
	Store
	PlanStore
	NeedStore
	BulkInsert(ctx context.Context, table string, cols []string, args []any) error
	ClusterHistory(ctx context.Context) error
	// RebuildServiceTotals counts the services' totals from the cells written in bulk.
	RebuildServiceTotals(ctx context.Context) error
}

// CountryShape sizes a synthetic country.
type CountryShape struct {
	Name                        string
	Municipalities, Regions     int
	Districts, Services, Months int
	Users, Activities, Joint    int
	Needs, Submitted            int
	PlanMunicipalities          int // municipalities the plan's joint activities take in
	Seed                        uint64
	Now                         time.Time
}

// Germany is the scale issue 17 asks for: Germany's OZG programme tracks about 10,800
// municipalities × 575 services. The joint activities take in 100 municipalities, not all
// 10,800 (that would be 2 million participant rows written one by one).
var Germany = CountryShape{Name: "de", Municipalities: 10_800, Regions: 16, Districts: 400, Services: 600, Months: 24,
	Users: 20_000, Activities: 10_000, Joint: 200, Needs: 100_000, Submitted: 2_000, PlanMunicipalities: 100, Seed: 1}

// Scaled shrinks a shape by f (0 < f ≤ 1) for smoke tests, keeping at least one of each
// and the months as they are.
func (c CountryShape) Scaled(f float64) CountryShape {
	sc := func(n, least int) int { return max(least, int(math.Round(float64(n)*f))) }
	c.Municipalities, c.Regions, c.Districts = sc(c.Municipalities, 2), sc(c.Regions, 2), sc(c.Districts, 2)
	c.Services, c.Users, c.Needs = sc(c.Services, 80), sc(c.Users, 1), sc(c.Needs, 16)
	c.Submitted, c.PlanMunicipalities = sc(c.Submitted, 8), sc(c.PlanMunicipalities, 2)
	// The plan keeps its shape of 10 goals × 20 directions; activities per direction shrink.
	c.Activities, c.Joint = sc(c.Activities, 200), sc(c.Joint, 1)
	c.Districts = max(c.Districts, c.Regions)
	return c
}

// Country writes a synthetic country of shape into a new database and marks it synthetic:
// regions (as counties), districts, municipalities with codes of the country's own format
// (CountryCode: four characters like EHAK's, but never four digits), services up to shape.Services, the matrix with
// its months of history stored as changes (cell_changes), users, a strategy and needs.
// Rows go in bulk (multi-row INSERTs), the plan and needs through the store's methods.
func Country(ctx context.Context, s CountryStore, shape CountryShape) error {
	if err := guard(ctx, s); err != nil {
		return err
	}
	if err := s.SetSetting(ctx, SyntheticSetting, "true"); err != nil {
		return err
	}
	if err := s.SetSetting(ctx, CountrySetting, shape.Name); err != nil {
		return err
	}
	now := shape.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Second)
	through := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format("2006-01")
	if err := s.SetSetting(ctx, CountryThroughSetting, through); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x243f6a8885a308d3))
	ms, err := countryPlaces(ctx, s, shape, rng, now)
	if err != nil {
		return err
	}
	codes, err := countryServices(ctx, s, shape, now)
	if err != nil {
		return err
	}
	if err := countryMatrix(ctx, s, shape, ms, codes, now); err != nil {
		return err
	}
	if err := s.RebuildServiceTotals(ctx); err != nil {
		return err
	}
	if err := s.ClusterHistory(ctx); err != nil {
		return err
	}
	if err := countryUsers(ctx, s, shape, ms, now); err != nil {
		return err
	}
	few := &fewMunicipalities{CountryStore: s, ms: ms[:min(len(ms), shape.PlanMunicipalities)]}
	perDirection := max(1, shape.Activities/200)
	if _, err := Plan(ctx, few, PlanShape{Goals: 10, Directions: 20, Activities: perDirection, Joint: shape.Joint, Seed: shape.Seed, Now: now}); err != nil {
		return err
	}
	groups := shape.Submitted / 8
	_, err = Needs(ctx, &needsFromAll{CountryStore: s, ms: ms}, NeedShape{Needs: shape.Needs, Submitted: shape.Submitted, Groups: groups, PerGroup: 8, Seed: shape.Seed})
	return err
}

// fewMunicipalities shows the plan generator only some municipalities, so that joint
// activities take in those rather than the whole country.
type fewMunicipalities struct {
	CountryStore
	ms []municipality.Municipality
}

func (f *fewMunicipalities) ListMunicipalities(context.Context, municipality.Filter) ([]municipality.Municipality, int, error) {
	return f.ms, len(f.ms), nil
}

// needsFromAll shows the needs generator every synthetic municipality: the store's list
// stops at municipality.MaxLimit.
type needsFromAll = fewMunicipalities

func countryPlaces(ctx context.Context, s CountryStore, shape CountryShape, rng *rand.Rand, now time.Time) ([]municipality.Municipality, error) {
	var counties, districts, places, members []any
	for r := range shape.Regions {
		name := regionNames[r%len(regionNames)] + numberedAfter(r, len(regionNames))
		counties = append(counties, regionCode(r), name, municipality.SortKey(name))
	}
	for d := range shape.Districts {
		name := "Kreis " + placeName(d*7919, 0)
		districts = append(districts, fmt.Sprintf("DK%03d", d+1), name, regionCode(d%shape.Regions))
	}
	ms := make([]municipality.Municipality, shape.Municipalities)
	for i := range ms {
		// Population is log-normal: many villages, few cities (median about 2,500).
		pop := int(math.Exp(7.8 + 1.3*rng.NormFloat64()))
		pop = min(max(pop, 50), 3_700_000)
		typ := municipality.Type("vald")
		if pop >= 20_000 {
			typ = "linn"
		}
		d := i % shape.Districts
		m := municipality.Municipality{EHAK: CountryCode(i), Name: placeName(i, shape.Municipalities),
			Type: typ, CountyEHAK: regionCode(d % shape.Regions), Population: pop, PopulationYear: now.Year()}
		ms[i] = m
		places = append(places, m.EHAK, m.Name, string(m.Type), m.CountyEHAK, m.Population, m.PopulationYear,
			municipality.SearchKey(m.Name), municipality.SortKey(m.Name), now)
		members = append(members, m.EHAK, fmt.Sprintf("DK%03d", d+1))
	}
	for _, w := range []struct {
		table string
		cols  []string
		args  []any
	}{
		{"counties", []string{"ehak", "name", "sort_key"}, counties},
		{"districts", []string{"code", "name", "county_ehak"}, districts},
		{"municipalities", []string{"ehak", "name", "type", "county_ehak", "population", "population_year", "search_key", "sort_key", "updated_at"}, places},
		{"municipality_districts", []string{"municipality_ehak", "district_code"}, members},
	} {
		if err := s.BulkInsert(ctx, w.table, w.cols, w.args); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

func regionCode(r int) string { return fmt.Sprintf("DR%02d", r+1) }

// CountryCode is the synthetic country's code of its i-th municipality: "D" and three
// base-36 digits (D001…DZZZ, 46,655 of them). Four characters, as every validator of a
// municipality's code asks, but a letter first, so never an Estonian EHAK code.
func CountryCode(i int) string {
	s := strings.ToUpper(strconv.FormatInt(int64(i+1), 36))
	return "D" + strings.Repeat("0", max(0, 3-len(s))) + s
}

func numberedAfter(i, n int) string {
	if i < n {
		return ""
	}
	return fmt.Sprintf(" %d", i/n+1)
}

// countryServices adds synthetic services after the catalogue's until there are
// shape.Services, spread over the catalogue's areas, and returns every service's code.
func countryServices(ctx context.Context, s CountryStore, shape CountryShape, now time.Time) ([]string, error) {
	existing, err := s.ListServices(ctx, false)
	if err != nil {
		return nil, err
	}
	var codes, areas []string
	seen := map[string]bool{}
	for _, sv := range existing {
		codes = append(codes, sv.Code)
		if !seen[sv.Area] {
			seen[sv.Area], areas = true, append(areas, sv.Area)
		}
	}
	if len(areas) == 0 {
		return nil, fmt.Errorf("demo: the service catalogue is empty")
	}
	var rows []any
	for i := len(existing); i < shape.Services; i++ {
		code := fmt.Sprintf("SYN-%04d", i+1)
		sub := subjects[i%len(subjects)]
		et, en := title(sub, actions[sub.Kind][i%len(actions[sub.Kind])])
		rows = append(rows, code, fmt.Sprintf("%s (%d)", et, i+1), fmt.Sprintf("%s (%d)", en, i+1), areas[i%len(areas)], now)
		codes = append(codes, code)
	}
	if len(rows) == 0 {
		return codes, nil
	}
	return codes, s.BulkInsert(ctx, "services", []string{"code", "name_et", "name_en", "area", "updated_at"}, rows)
}

// countryMatrix writes every cell's current state to service_cells and its history to
// cell_changes: a row in the first month and one in each month its state changed. Cells
// are drawn from hashes of (seed, municipality, service), not kept in maps: 6.5 million
// cells would need gigabytes.
func countryMatrix(ctx context.Context, s CountryStore, shape CountryShape, ms []municipality.Municipality, codes []string, now time.Time) error {
	h := func(a, b, c uint64) float64 { // uniform in [0, 1), deterministic
		x := shape.Seed*0x9e3779b97f4a7c15 ^ a*0xbf58476d1ce4e5b9 ^ b*0x94d049bb133111eb ^ c
		x ^= x >> 31
		x *= 0xd6e8feb86659fd39
		x ^= x >> 28
		return float64(x>>11) / (1 << 53)
	}
	normal := func(a, b, c uint64) float64 { // Box–Muller from two hashes
		u1, u2 := max(h(a, b, c), 1e-12), h(a, b, c+7)
		return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
	}
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -shape.Months, 0)
	months := make([]string, max(shape.Months, 1))
	for i := range months {
		months[i] = start.AddDate(0, i, 0).Format("2006-01")
	}
	cellCols := []string{"municipality_ehak", "service_code", "offering", "level", "url", "verification", "version", "updated_at"}
	changeCols := []string{"service_code", "municipality_ehak", "month", "offering", "level"}
	var cells, changes []any
	tallies := newMonthTallies(len(months), len(codes))
	flush := func(force bool) error {
		if force || len(cells) >= bulkRows*len(cellCols) {
			if err := s.BulkInsert(ctx, "service_cells", cellCols, cells); err != nil {
				return err
			}
			cells = cells[:0]
		}
		if force || len(changes) >= bulkRows*len(changeCols) {
			if err := s.BulkInsert(ctx, "cell_changes", changeCols, changes); err != nil {
				return err
			}
			changes = changes[:0]
		}
		return nil
	}
	for i, m := range ms {
		capacity := 0.4*math.Log10(float64(max(m.Population, 1000))/1000) + normal(uint64(i), 0, 1)*0.4
		for j, code := range codes {
			if h(uint64(i), uint64(j), 2) < 0.03 {
				changes = append(changes, code, m.EHAK, months[0], string(eservice.NotApplicable), 0)
				tallies.notApplicable(j)
				cells = append(cells, m.EHAK, code, string(eservice.NotApplicable), 0, "", "self_reported", 1, now)
				continue
			}
			difficulty := h(0, uint64(j), 3) * 1.5
			x0 := 1.2 + capacity - difficulty + normal(uint64(i), uint64(j), 4)*0.7
			last, version := -2, 0
			for step, month := range months {
				progress := float64(step) / float64(max(len(months)-1, 1))
				level := min(int(math.Floor(x0+1.6*progress)), 5)
				if level < 0 {
					level = 0
				}
				tallies.add(step, j, level)
				if level == last {
					continue
				}
				last, version = level, version+1
				offering := eservice.Offered
				if level == 0 {
					offering = eservice.NotOffered
				}
				changes = append(changes, code, m.EHAK, month, string(offering), level)
			}
			offering, url := eservice.Offered, ""
			if last == 0 {
				offering = eservice.NotOffered
			}
			if last >= 2 {
				url = fmt.Sprintf("https://www.example.invalid/%s/%s", m.EHAK, code)
			}
			cells = append(cells, m.EHAK, code, string(offering), last, url, "self_reported", version, now)
		}
		if err := flush(false); err != nil {
			return err
		}
	}
	if err := flush(true); err != nil {
		return err
	}
	return tallies.write(ctx, s, months, codes, now)
}

// bulkRows is how many rows the matrix generator hands the store at a time.
const bulkRows = 100_000

func countryUsers(ctx context.Context, s CountryStore, shape CountryShape, ms []municipality.Municipality, now time.Time) error {
	var rows []any
	for i := range shape.Users {
		role := "editor"
		if i%5 == 4 {
			role = "reader"
		}
		name := contactNames[i%len(contactNames)]
		rows = append(rows, fmt.Sprintf("kasutaja%05d@example.invalid", i+1), name, role, ms[i%len(ms)].EHAK, now)
	}
	return s.BulkInsert(ctx, "users", []string{"email", "name", "role", "municipality_ehak", "created_at"}, rows)
}

// regionNames and the parts of placeName give the synthetic country German-sounding
// names, plainly invented.
var regionNames = []string{"Nordmark", "Südland", "Westfeld", "Osterau", "Hochwald", "Seenland", "Rheintal", "Bergheim",
	"Moorland", "Küstenau", "Auenland", "Heideland", "Talmark", "Waldau", "Flussgau", "Steinfeld"}

var (
	placePrefixes = []string{"", "Alt", "Neu", "Ober", "Unter", "Groß", "Klein", "Bad ", "Sankt ", "Hohen", "Nieder", "Mittel", "Wester", "Oster", "Nord"}
	placeRoots    = []string{"Ach", "Bir", "Buch", "Dorn", "Eich", "Erl", "Fels", "Fisch", "Gold", "Gras", "Hag", "Hasel", "Heid", "Hirsch",
		"Holz", "Horn", "Kalk", "Kirch", "Lind", "Loh", "Marx", "Mühl", "Nuss", "Quell", "Rosen", "Sand", "Schön", "See", "Sonn", "Stein",
		"Tann", "Wald", "Weid", "Wies", "Wolf", "Zell", "Ahorn", "Bären", "Brunn", "Eber", "Falken", "Feld", "Fuchs", "Hain", "Kron",
		"Lerch", "Linden", "Moos", "Otter", "Rab", "Reh", "Ried", "Salz", "Schwan", "Silber", "Sturm", "Tal", "Ulm", "Wein", "Wind"}
	placeSuffixes = []string{"dorf", "hausen", "berg", "feld", "heim", "burg", "stadt", "ingen", "bach", "au", "hofen", "rode"}
)

// placeName gives the i-th place a name; names repeat only past 10,800 places, and then
// carry a number, as homonymous places are told apart.
func placeName(i, _ int) string {
	n := len(placeRoots) * len(placeSuffixes) * len(placePrefixes)
	k := i % n
	root := placeRoots[k%len(placeRoots)]
	suffix := placeSuffixes[(k/len(placeRoots))%len(placeSuffixes)]
	prefix := placePrefixes[k/(len(placeRoots)*len(placeSuffixes))]
	name := root + suffix
	if prefix != "" {
		if prefix[len(prefix)-1] == ' ' {
			name = prefix + name
		} else {
			name = prefix + strings.ToLower(name)
		}
	}
	return numbered(name, i/n)
}
