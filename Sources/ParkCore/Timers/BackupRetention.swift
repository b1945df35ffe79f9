/// Which backup copies to keep: the newest copy of each of the latest `daily` days that have
/// one, and the newest copy of each of the latest `monthly` months that have one. The newest
/// copy of all is always kept.
public enum BackupRetention {
    /// The copies to remove, given each copy's name and the day it was made.
    public static func removable(_ copies: [(name: String, day: CivilDate)], keepDaily daily: Int, keepMonthly monthly: Int) -> [String] {
        let newestFirst = copies.sorted { ($0.day, $0.name) > ($1.day, $1.name) }
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
