import ParkCore
import Testing

@Suite("Who holds a unit")
struct UnitHoldingTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func lease(_ id: Int64, _ from: String, _ through: String) -> UnitHolding {
        UnitHolding(holder: .lease(id: id, tenantID: 1, tenantName: "青岛英才人力资源有限公司"), from: day(from), through: day(through))
    }

    @Test("today's holders, and the last holder: the latest holding ended before today")
    func standing() {
        let holdings = [lease(1, "2021-03-15", "2021-12-10"), lease(2, "2022-01-01", "2022-12-31"), lease(3, "2023-02-01", "2024-01-31")]
        let during = UnitHolding.standing(of: holdings, on: day("2023-06-01"))
        #expect(during.current == [holdings[2]])
        #expect(during.last == holdings[1])
        let between = UnitHolding.standing(of: holdings, on: day("2022-01-01"))
        #expect(between.current == [holdings[1]])
        #expect(between.last == holdings[0])
        let before = UnitHolding.standing(of: holdings, on: day("2021-03-14"))
        #expect(before.current.isEmpty && before.last == nil)
    }

    @Test("a project holds its seats to the day before its graduation, and with no end while it incubates")
    func projects() throws {
        var project = try IncubatorProject(
            name: "智聘云", founder: "李明", team: nil, university: nil, phdCount: 0, seatIDs: [3], enteredOn: day("2021-03-01"), today: day("2026-01-01"))
        #expect(UnitHolding(project, id: 1).through == nil)
        #expect(UnitHolding(project, id: 1).holds(on: day("2030-01-01")))
        try project.graduate(on: day("2022-06-01"), today: day("2026-01-01"))
        let graduated = UnitHolding(project, id: 1)
        #expect(graduated.through == day("2022-05-31"))
        #expect(UnitHolding.standing(of: [graduated], on: day("2022-06-01")).last == graduated)
        #expect(graduated.description == "project 1 (智聘云) from 2021-03-01")
        #expect(lease(3, "2021-03-15", "2022-03-14").description == "lease 3 of tenant 1 from 2021-03-15 to 2022-03-14")
    }

    @Test("a unit is named by id or by label, not both and not neither")
    func references() throws {
        #expect(try UnitReference(id: 4, label: nil) == .id(4))
        #expect(try UnitReference(id: nil, label: "A-1203") == .label("A-1203"))
        #expect(throws: DomainError.self) { try UnitReference(id: nil, label: nil) }
        #expect(throws: DomainError.self) { try UnitReference(id: 4, label: "A-1203") }
    }
}
