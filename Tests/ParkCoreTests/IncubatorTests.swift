import ParkCore
import Testing

@Suite("Incubator projects")
struct IncubatorTests {
    func day(_ text: String) -> CivilDate { try! CivilDate.parse(text, field: "day") }

    func project(_ seats: [Int64], _ entered: String, phdCount: Int = 1) throws -> IncubatorProject {
        try IncubatorProject(
            name: "智聘云", founder: "李明", team: nil, university: "中国海洋大学", phdCount: phdCount, seatIDs: seats, enteredOn: day(entered),
            today: day("2030-01-01"))
    }

    @Test("a project incubates from its entry to the day before it graduates")
    func incubating() throws {
        var project = try project([1], "2021-03-01")
        try project.graduate(on: day("2022-06-01"), today: day("2026-01-01"))
        #expect(!project.isIncubating(on: day("2021-02-28")))
        #expect(project.isIncubating(on: day("2022-05-31")))
        #expect(!project.isIncubating(on: day("2022-06-01")))
        #expect(throws: DomainError.self) { try project.graduate(on: day("2022-07-01"), today: day("2026-01-01")) }
    }

    @Test("seats cannot be shared on a common day, but can be handed on")
    func seats() throws {
        var first = try project([1, 2], "2021-03-01")
        #expect(first.conflicts(with: try project([2], "2021-04-01")))
        try first.graduate(on: day("2021-09-01"), today: day("2026-01-01"))
        #expect(!first.conflicts(with: try project([2], "2021-09-01")))
        #expect(!first.conflicts(with: try project([3], "2021-04-01")))
    }

    @Test("occupancy counts seats held that day, rounded half-up to 0.01 %, and the PhD-level talents of the projects there")
    func occupancy() throws {
        var graduated = try project([4], "2021-01-01", phdCount: 5)
        try graduated.graduate(on: day("2021-05-01"), today: day("2026-01-01"))
        let projects = [try project([1, 2], "2021-03-01", phdCount: 2), try project([3], "2021-05-01", phdCount: 1), graduated]
        let june = IncubatorOccupancy.on(day("2021-06-01"), projects: projects, seats: 9)
        #expect(june == IncubatorOccupancy(seats: 9, occupied: 3, projects: 2, phdTalents: 3))
        #expect(june.percent == "33.33")
        let april = IncubatorOccupancy.on(day("2021-04-01"), projects: projects, seats: 9)
        #expect(april.occupied == 3)
        #expect(april.phdTalents == 7)
    }

    @Test("bad projects are refused with the field")
    func refused() {
        #expect { try IncubatorProject(name: "X", founder: "Y", team: nil, university: nil, phdCount: -1, seatIDs: [1], enteredOn: day("2021-01-01"), today: day("2030-01-01")) } throws: { ($0 as? DomainError)?.field == "phdCount" }
        #expect { try IncubatorProject(name: "X", founder: "Y", team: nil, university: nil, phdCount: 0, seatIDs: [], enteredOn: day("2021-01-01"), today: day("2030-01-01")) } throws: { ($0 as? DomainError)?.field == "seats" }
        #expect(throws: DomainError.invalid("enteredOn", "2021-06-02 is in the future (today is 2021-06-01)")) {
            try IncubatorProject(name: "X", founder: "Y", team: nil, university: nil, phdCount: 0, seatIDs: [1], enteredOn: day("2021-06-02"), today: day("2021-06-01"))
        }
    }
}
