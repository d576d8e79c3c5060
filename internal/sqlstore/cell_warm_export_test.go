package sqlstore

// CellsKept reports whether the matrix's kept copy is read, for the external tests.
func (s *Store) CellsKept() bool { return !s.cells.empty() }

// HoldWarming makes Ready answer as while WarmCells reads, until the function returned.
func (s *Store) HoldWarming() func() {
	s.warming.Store(true)
	return func() { s.warming.Store(false) }
}
