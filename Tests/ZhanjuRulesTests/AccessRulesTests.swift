import Foundation
import Synchronization
import Testing
import ZhanjuRules

@Suite("Access: roles, scopes and grants (deny by default)")
struct AccessRulesTests {
    let sd = UUID(), ws = UUID(), weirong = UUID(), zhonghai = UUID(), victoria = UUID(), mingcheng = UUID()
    let grid = UUID(), home = UUID(), neighbour = UUID()

    var victoriaHousehold: Place { Place(subDistrict: sd, workstation: ws, committee: weirong, compound: victoria, grid: grid, household: home) }
    var mingchengHousehold: Place { Place(subDistrict: sd, workstation: ws, committee: zhonghai, compound: mingcheng, household: neighbour) }

    @Test("no grants allow nothing")
    func nothingByDefault() {
        let nobody = Grants([])
        for p in Permission.allCases {
            #expect(!nobody.holds(p))
            #expect(!nobody.allows(p, at: victoriaHousehold))
        }
    }

    @Test("a committee member reads households of their committee, not another committee's")
    func committeeScope() {
        let member = Grants([Grant(.committeeMember, .committee(weirong))])
        #expect(member.allows(.householdsRead, at: victoriaHousehold))
        #expect(!member.allows(.householdsRead, at: mingchengHousehold))
        #expect(!member.allows(.householdsWrite, at: victoriaHousehold))
        #expect(!member.allows(.revealIDNumber, at: victoriaHousehold))
    }

    @Test("workstation staff serve every committee of the station")
    func workstationScope() {
        let staff = Grants([Grant(.workstationStaff, .workstation(ws))])
        #expect(staff.allows(.revealIDNumber, at: victoriaHousehold))
        #expect(staff.allows(.householdsWrite, at: mingchengHousehold))
        #expect(!staff.allows(.accountsManage, at: mingchengHousehold))
    }

    @Test("a grid worker covers the households of their grid only, and may not see whole ID numbers")
    func gridScope() {
        let worker = Grants([Grant(.gridWorker, .grid(grid))])
        #expect(worker.allows(.householdsRead, at: victoriaHousehold))
        #expect(worker.allows(.revealPhone, at: victoriaHousehold))
        #expect(!worker.allows(.revealIDNumber, at: victoriaHousehold))
        #expect(!worker.allows(.householdsRead, at: mingchengHousehold))
    }

    @Test("a resident has their own household and nothing of anyone else's")
    func residentScope() {
        let resident = Grants([Grant(.resident, .household(home)), Grant(.areaReader, .committee(weirong))])
        #expect(resident.allows(.ownData, at: victoriaHousehold))
        #expect(!resident.allows(.householdsRead, at: mingchengHousehold))
        #expect(!resident.allows(.householdsRead, at: Place(subDistrict: sd, workstation: ws, committee: weirong, compound: victoria, household: UUID())))
        #expect(resident.allows(.structureRead, at: Place(subDistrict: sd, workstation: ws, committee: weirong)))
    }

    @Test("sensitive tags are for roles whose duty needs them")
    func sensitive() {
        #expect(Role.gridWorker.permissions.contains(.sensitiveRead))
        #expect(Role.workstationStaff.permissions.contains(.sensitiveRead))
        for role in [Role.committeeMember, .committeeChair, .councilMember, .ownersCommittee, .propertyManager, .resident, .volunteerLead] {
            #expect(!role.permissions.contains(.sensitiveRead), "\(role)")
        }
    }

    @Test("every post confers a role, and only the administrator manages accounts")
    func postsToRoles() {
        for post in Post.allCases { #expect(Role(post: post) != nil, "\(post)") }
        for role in Role.allCases where role != .administrator { #expect(!role.permissions.contains(.accountsManage)) }
    }

    @Test("sign-in delay: five free failures, then doubling to a cap of fifteen minutes")
    func throttle() {
        let t = SignInThrottle.standard
        #expect(t.delay(afterFailures: 4) == 0)
        #expect(t.delay(afterFailures: 5) == 30)
        #expect(t.delay(afterFailures: 6) == 60)
        #expect(t.delay(afterFailures: 7) == 120)
        #expect(t.delay(afterFailures: 50) == 900)
    }
}

@Suite("Personal data: encryption at rest and lookup hashes")
struct PersonalDataCipherTests {
    let old = PersonalDataCipher.Key(secret: "an old secret of at least thirty-two bytes")
    let new = PersonalDataCipher.Key(secret: "a new secret, also thirty-two bytes or more")

    @Test("sealed values open to the original and do not contain it")
    func roundTrip() throws {
        let cipher = PersonalDataCipher(current: new)
        let sealed = cipher.seal("11010519491231002X")
        #expect(!sealed.contains("11010519491231002X"))
        #expect(try cipher.open(sealed) == "11010519491231002X")
        #expect(cipher.seal("13812345678") != cipher.seal("13812345678"), "fresh nonce each time")
    }

    @Test("nonces drawn a page at a time never repeat, across pages and threads, and every value opens")
    func noncesNeverRepeat() throws {
        let cipher = PersonalDataCipher(current: new)
        let sealed = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            let mine = (0..<2_500).map { cipher.seal("1381234\(part)\($0)") }
            sealed.withLock { $0 += mine }
        }
        let all = sealed.withLock { $0 }
        let nonces = Set(all.map { Data(base64Encoded: String($0.split(separator: ":")[2]))!.prefix(12) })
        #expect(nonces.count == 10_000)
        #expect(try all.allSatisfy { try cipher.open($0).hasPrefix("1381234") })
    }

    @Test("lookup hashes are stable per key and differ across keys")
    func hashes() {
        let a = PersonalDataCipher(current: old), b = PersonalDataCipher(current: new, previous: [old])
        #expect(a.lookupHash("x") == a.lookupHash("x"))
        #expect(a.lookupHash("x") != b.lookupHash("x"))
        #expect(b.lookupHashes("x").contains(a.lookupHash("x")))
    }

    @Test("a keyring opens values sealed under an earlier key; without it they do not open")
    func rotation() throws {
        let sealedOld = PersonalDataCipher(current: old).seal("13812345678")
        let ring = PersonalDataCipher(current: new, previous: [old])
        #expect(try ring.open(sealedOld) == "13812345678")
        #expect(!ring.isCurrent(sealedOld))
        #expect(ring.isCurrent(ring.seal("1")))
        #expect(throws: PersonalDataCipher.Failure.unknownKey(old.id)) { try PersonalDataCipher(current: new).open(sealedOld) }
    }

    @Test("a changed ciphertext is detected")
    func tamper() {
        let cipher = PersonalDataCipher(current: new)
        var sealed = Array(cipher.seal("13812345678"))
        let i = sealed.count - 5
        sealed[i] = sealed[i] == "A" ? "B" : "A"
        #expect(throws: PersonalDataCipher.Failure.tampered) { try cipher.open(String(sealed)) }
    }
}

@Suite("Audit: the hash chain")
struct HashChainTests {
    func chain(_ contents: [String]) -> [HashChain.Entry] {
        var previous = HashChain.genesis
        return contents.enumerated().map { i, c in
            let h = HashChain.link(previous: previous, content: c)
            defer { previous = h }
            return HashChain.Entry(sequence: i + 1, content: c, previous: previous, hash: h)
        }
    }

    @Test("an intact chain verifies")
    func intact() {
        let r = HashChain.verify(chain(["a", "b", "c"]), from: (0, HashChain.genesis))
        #expect(r.firstBreak == nil)
        #expect(r.last.sequence == 3)
    }

    @Test("changed content, a removed entry and a rewritten link are each found at the first bad entry")
    func breaks() {
        var edited = chain(["a", "b", "c", "d"])
        edited[1].content = "B"
        #expect(HashChain.verify(edited, from: (0, HashChain.genesis)).firstBreak == .contentChanged(sequence: 2))

        var removed = chain(["a", "b", "c", "d"])
        removed.remove(at: 2)
        #expect(HashChain.verify(removed, from: (0, HashChain.genesis)).firstBreak == .gap(after: 2, next: 4))

        var relinked = chain(["a", "b", "c"])
        relinked[2].previous = HashChain.genesis
        #expect(HashChain.verify(relinked, from: (0, HashChain.genesis)).firstBreak == .linkBroken(sequence: 3))
    }
}

@Suite("Hexadecimal")
struct HexTests {
    @Test("bytes become two lower-case digits each")
    func encode() {
        #expect(Hex.encode([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test("a UUID is written exactly as Foundation's uuidString writes it")
    func uuid() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(Hex.uuid(id) == id.uuidString)
        }
        #expect(Hex.uuid(UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255))) == "00010203-0405-0607-0809-0A0B0C0D0EFF")
    }

    @Test("a UUID is parsed exactly as Foundation parses it, in either case, and nothing else is")
    func parseUUID() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(Hex.uuid(parsing: id.uuidString) == id)
            #expect(Hex.uuid(parsing: id.uuidString.lowercased()) == id)
        }
        for bad in ["", "not-a-uuid", "00010203-0405-0607-0809-0A0B0C0D0EF", "00010203-0405-0607-0809-0A0B0C0D0EFG",
                    "000102030-405-0607-0809-0A0B0C0D0EFF", "00010203-0405-0607-0809-0A0B0C0D0EFF0", "０0010203-0405-0607-0809-0A0B0C0D0EF"] {
            #expect(Hex.uuid(parsing: bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}
