/// Which backup copies to keep: the newest copy of each of the latest `daily` days that have
/// one, and the newest copy of each of the latest `monthly` months that have one. The newest
/// copy of all is always kept.
public enum BackupRetention {
    /// The copies to remove, by name.
    public static func removable(_ copies: [BackupCopyName], keepDaily daily: Int, keepMonthly monthly: Int) -> [String] {
        let newestFirst = copies.sorted(by: >)
        var kept = Set(newestFirst.prefix(1).map(\.name))
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
