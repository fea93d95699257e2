package synth

// The shape of the synthetic agency: its programs, who works in them, who
// pays, and how people use services and hospitals. The numbers are
// plausible for a community peer-support agency, not measured from one.

const agencyName = "Riverbend Peer Network"

// Staff roles (DATA.md).
const (
	rolePeerSpecialist       = "peer_specialist"
	roleRecoveryCoach        = "recovery_coach"
	roleFamilyPeerSpecialist = "family_peer_specialist"
	rolePeerBridger          = "peer_bridger"
	roleSupervisor           = "supervisor"
	roleClinician            = "clinician"
	roleAdmin                = "admin"
)

func isPeerRole(role string) bool {
	switch role {
	case rolePeerSpecialist, roleRecoveryCoach, roleFamilyPeerSpecialist, rolePeerBridger:
		return true
	}
	return false
}

// Service codes.
const (
	codePeerSupport       = "H0038" // self-help/peer services, per 15 minutes
	codeCommunitySupport  = "H2015" // comprehensive community support services, per 15 minutes
	codePsychosocialRehab = "H2017" // psychosocial rehabilitation services, per 15 minutes
)

// program is one of the agency's programs and how its people are served.
type program struct {
	name string
	// share of the agency's participants.
	share float64
	// serviceRole delivers the program's services; the team also has a
	// supervisor, who sees a few participants.
	serviceRole string
	// peer is false for the comparison program, whose participants never
	// see peer staff.
	peer bool
	// medianStayDays and staySpread shape enrollment spells (log-normal).
	medianStayDays float64
	staySpread     float64
	// reenrollChance is the chance a discharged person enrolls again.
	reenrollChance float64
	// daysBetweenContacts is the typical gap between services.
	daysBetweenContacts float64
	// minutes shapes the length of a service.
	typicalMinutes, longMinutes int
	// inpatientPerYear is the typical rate of inpatient episodes before the
	// program starts working with the person; detoxShare of them are detox.
	inpatientPerYear float64
	detoxShare       float64
	// Oldest and youngest birth years served.
	bornFrom, bornTo int
	// weekendChance is the chance a staff schedule includes a weekend day.
	weekendChance float64
	// meetsOnWard: the program meets people in hospital (a peer bridger), so
	// the first spell starts during an inpatient stay.
	meetsOnWard bool
	// stepDownTo is the program a spell may continue into the day after it
	// ends (a program change: a continuation, METRICS.md), with
	// stepDownChance; "" = none.
	stepDownTo     string
	stepDownChance float64
}

// programs of the agency, in the order their teams are generated. Care
// Coordination is the comparison group: clinicians only.
var programs = []program{
	{
		name: "Adult Peer Support", share: 0.25, serviceRole: rolePeerSpecialist, peer: true,
		medianStayDays: 300, staySpread: 0.7, reenrollChance: 0.18,
		daysBetweenContacts: 16, typicalMinutes: 50, longMinutes: 110,
		inpatientPerYear: 0.7, detoxShare: 0.1, bornFrom: 1952, bornTo: 2005,
		weekendChance: 0.1,
	},
	{
		name: "Family Peer Support", share: 0.11, serviceRole: roleFamilyPeerSpecialist, peer: true,
		medianStayDays: 240, staySpread: 0.6, reenrollChance: 0.12,
		daysBetweenContacts: 18, typicalMinutes: 55, longMinutes: 100,
		inpatientPerYear: 0.3, detoxShare: 0.05, bornFrom: 1968, bornTo: 2001,
		weekendChance: 0.05,
	},
	{
		name: "Peer Bridger", share: 0.16, serviceRole: rolePeerBridger, peer: true,
		medianStayDays: 90, staySpread: 0.45, reenrollChance: 0.25,
		daysBetweenContacts: 8, typicalMinutes: 60, longMinutes: 150,
		inpatientPerYear: 1.3, detoxShare: 0.1, bornFrom: 1950, bornTo: 2005,
		weekendChance: 0.35, meetsOnWard: true,
		// Bridgers hand people on to community peer support.
		stepDownTo: "Adult Peer Support", stepDownChance: 0.3,
	},
	{
		name: "Recovery Coaching", share: 0.18, serviceRole: roleRecoveryCoach, peer: true,
		medianStayDays: 180, staySpread: 0.6, reenrollChance: 0.22,
		daysBetweenContacts: 13, typicalMinutes: 45, longMinutes: 90,
		inpatientPerYear: 0.8, detoxShare: 0.45, bornFrom: 1955, bornTo: 2005,
		weekendChance: 0.25,
	},
	{
		name: "Care Coordination", share: 0.30, serviceRole: roleClinician, peer: false,
		medianStayDays: 330, staySpread: 0.7, reenrollChance: 0.15,
		daysBetweenContacts: 24, typicalMinutes: 45, longMinutes: 75,
		inpatientPerYear: 0.75, detoxShare: 0.1, bornFrom: 1950, bornTo: 2005,
		weekendChance: 0,
	},
}

// payers and their share of participants; the rest have no payer on file
// (state-funded or uninsured).
var payers = []struct {
	name  string
	share float64
}{
	{"Prairie Health Plan", 0.46},
	{"Summit Care", 0.34},
	{"Heartland Community Health", 0.15},
}

// Team sizes: one team per about teamParticipants people of a program, one
// staff position per about participantsPerPosition people.
const (
	teamParticipants        = 300
	participantsPerPosition = 45
)

// Money in the config, so the sample reports show dollars.
const (
	rdayDailyRate    = "87.50"
	rdayFederalShare = "0.60"
	fringeRate       = "0.22"
	inpatientPerDiem = "1250.00"
	erVisitCost      = "1100.00"
)

// rdayCodes are the rehabilitation-option codes that earn an R-day.
var rdayCodes = []string{codePeerSupport, codePsychosocialRehab}
