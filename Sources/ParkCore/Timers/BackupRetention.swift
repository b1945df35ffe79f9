/// Which backup copies to keep: the newest copy of each of the latest `daily` days that have
/// one, and the newest copy of each of the latest `monthly` months that have one. The newest
/// copy of all is always kept, and so is the copy just made: a copy is named after parkd's
/// clock, and after the clock was set back the one just made, which holds the latest changes,
/// is named earlier than copies made before it.
public enum BackupRetention {
    /// The copies to remove, by name.
    public static func removable(_ copies: [BackupCopyName], keepDaily daily: Int, keepMonthly monthly: Int, justMade: String? = nil) -> [String] {
        let newestFirst = copies.sorted(by: >)
        var kept = Set(newestFirst.prefix(1).map(\.name) + (justMade.map { [$0] } ?? []))
        var days = Set<CivilDate>()
        var months = Set<Month>()
        for copy in newestFirst {
            if days.count < daily || days.contains(copy.day) {
                if days.insert(copy.day).inserted { kept.insert(copy.name) }
            }
            let month = Month(year: copy.day.year, month: copy.day.month)
            if months.count < monthly || months.contains(month) {
                if months.insert(month).inserted { kept.insert(copy.name) }
            }
        }
        return newestFirst.map(\.name).filter { !kept.contains($0) }
    }
}
