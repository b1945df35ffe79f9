/// Maps local times to instants in one zone the way systemd's calendar search does, through
/// glibc's `mktime`: a time in a daylight-saving gap or fold has no single answer, and which one
/// systemd gets depends on the offset of the time resolved just before. The resolver keeps that
/// offset (`hint`) so that a search over the same zone lands where systemd lands.
///
/// The search: guess the instant with the last offset, read the local time there, correct by the
/// difference, and repeat until the local time matches. In a fold both offsets match, so the guess
/// picks. In a gap the guesses swing between the two offsets; the resolver stops on the one in
/// daylight saving time (with a known daylight-saving flag: on the one whose flag differs from
/// it), which is the requested time moved by the gap's length, never the requested time itself.
struct LocalTimeResolver<Rules: TimeZoneRules> {
    let rules: Rules
    /// The instant minus the requested local time of the last resolution: minus its UTC offset.
    private var hint: Int64 = 0

    init(rules: Rules) { self.rules = rules }

    /// The instant of `time` (seconds since the epoch), and `time` normalized to the local time
    /// there, its daylight-saving flag set; nil, leaving `time` as it was, when no instant fits.
    mutating func resolve(_ time: inout BrokenDownTime) -> Int64? {
        let local = time.localSeconds
        var t = local + hint
        var twoBefore = t, oneBefore = t
        var probesLeft = 6
        var found: Int64?
        while found == nil {
            let type = rules.localTimeType(at: t)
            let guess = t + (local - (t + type.utcOffset))
            if guess == t { break }
            let swinging = t == twoBefore && t != oneBefore
            let stopsHere = time.isDaylightSaving.map { $0 != type.isDaylightSaving } ?? type.isDaylightSaving
            if swinging && stopsHere {
                found = t
            } else {
                probesLeft -= 1
                if probesLeft == 0 { return nil }
                twoBefore = oneBefore
                oneBefore = t
                t = guess
            }
        }
        if found == nil, let wanted = time.isDaylightSaving, rules.localTimeType(at: t).isDaylightSaving != wanted {
            guard let other = neighbour(of: t, local: local, isDaylightSaving: wanted) else { return nil }
            t = other
        }
        let result = found ?? t
        hint = result - local
        let type = rules.localTimeType(at: result)
        time = BrokenDownTime(localSeconds: result + type.utcOffset, isDaylightSaving: type.isDaylightSaving)
        return result
    }

    /// The local time and daylight-saving flag at `second`.
    func breakDown(_ second: Int64) -> BrokenDownTime {
        let type = rules.localTimeType(at: second)
        return BrokenDownTime(localSeconds: second + type.utcOffset, isDaylightSaving: type.isDaylightSaving)
    }

    /// `local` with the offset of the nearest instant, a week at a time up to eight years either
    /// way, whose daylight-saving flag is the one asked for: how `mktime` honours a flag that the
    /// local time's own offset does not have.
    private func neighbour(of t: Int64, local: Int64, isDaylightSaving wanted: Bool) -> Int64? {
        let stride: Int64 = 601_200
        let bound: Int64 = 536_454_000 / 2 + stride
        var delta = stride
        while delta < bound {
            for direction: Int64 in [-1, 1] {
                let type = rules.localTimeType(at: t + delta * direction)
                if type.isDaylightSaving == wanted { return local - type.utcOffset }
            }
            delta += stride
        }
        return nil
    }
}
