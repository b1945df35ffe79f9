@testable import ParkDaemon
import Testing

@Suite("The spool's rescans and back-off")
struct IntakeScheduleTests {
    @Test("failed scans back off from 1 s, doubling up to a minute, logged once per episode; success goes back to the regular rescan")
    func backOff() {
        var schedule = IntakeSchedule(rescanSeconds: 300)
        var waits: [Double] = []
        var notes: [IntakeSchedule.Note] = []
        for _ in 0..<9 {
            let (next, note) = schedule.scanned(failed: true)
            waits.append(next)
            if let note { notes.append(note) }
        }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        let recovered = schedule.scanned(failed: false)
        #expect(recovered.nextScanSeconds == 300 && recovered.note == .recovered(after: 9))
        #expect(notes == [.failing])
        #expect(schedule.scanned(failed: false).note == nil)
        #expect(schedule.scanned(failed: true) == (1, .failing))
    }

    @Test("the back-off is never longer than the regular rescan")
    func shortRescan() {
        var schedule = IntakeSchedule(rescanSeconds: 2)
        #expect([schedule.scanned(failed: true).nextScanSeconds, schedule.scanned(failed: true).nextScanSeconds, schedule.scanned(failed: true).nextScanSeconds] == [1, 2, 2])
    }
}
