package audit

// Issue 14's last gaps.
const (
	// KindModuleSystems is the set of landscape systems a module of an assessment covers,
	// by "assessment id/module code".
	KindModuleSystems = "security_module_systems"
)
