import Testing
import ZhanjuRules

@Suite("Who decides what: matters reserved to the residents' assembly and to the owners")
struct CouncilJurisdictionTests {
    let rules = JurisdictionRules.organicLaw2018
    let reserved: [MatterKind] = [.residentsCompact, .raisingFundsFromResidents, .subsidiesFromCommitteeIncome,
                                  .affectingAllResidents, .replacingCommitteeMembers]

    @Test("the compact, funds from residents, subsidies from the committee's income and questions affecting all go to the assembly (2018 arts. 10, 15–17)")
    func reservedToAssembly() {
        for matter in reserved {
            #expect(rules.route(matter, to: .residentsAssembly) == .allowed, "\(matter)")
            #expect(rules.mustDecide(matter) == .residentsAssembly)
            for body in [DecidingBody.residentsCouncil, .representativesAssembly, .residentsCommittee] {
                guard case .refused(let refusal, let target) = rules.route(matter, to: body) else {
                    Issue.record("\(body) may not decide \(matter)"); continue
                }
                #expect(refusal.rule == .reservedToResidentsAssembly)
                #expect(refusal.subject == matter.rawValue)
                #expect(target == .residentsAssembly)
            }
        }
    }

    @Test("the owners' matters are the owners' (Civil Code art. 278): not even the assembly decides them")
    func owners() {
        #expect(rules.route(.ownersMatter, to: .owners) == .allowed)
        for body in [DecidingBody.residentsAssembly, .residentsCouncil] {
            guard case .refused(let refusal, let target) = rules.route(.ownersMatter, to: body) else { Issue.record(); continue }
            #expect(refusal.rule == .reservedToOwners)
            #expect(target == .owners)
        }
    }

    @Test("the council decides within the delegated scope; the committee and the supervisors resolve nothing")
    func delegated() {
        #expect(rules.route(.delegated, to: .residentsCouncil) == .allowed)
        #expect(rules.route(.delegated, to: .representativesAssembly) == .allowed)
        #expect(rules.route(.delegated, to: .residentsAssembly) == .allowed)
        for body in [DecidingBody.residentsCommittee, .supervisoryCommittee] {
            guard case .refused(let refusal, let target) = rules.route(.delegated, to: body) else { Issue.record(); continue }
            #expect(refusal.rule == .notADecidingBody)
            #expect(target == .residentsCouncil)
        }
    }

    @Test("a place whose assembly lets the representatives raise funds says so in its own rule set")
    func configurable() {
        var local = rules
        local.name = "local-delegation"
        local.deciders[.raisingFundsFromResidents] = [.residentsAssembly, .representativesAssembly]
        #expect(local.route(.raisingFundsFromResidents, to: .representativesAssembly) == .allowed)
        guard case .refused(let refusal, _) = local.route(.raisingFundsFromResidents, to: .residentsCouncil) else { Issue.record(); return }
        #expect(refusal.rule == .reservedToResidentsAssembly)
    }
}
