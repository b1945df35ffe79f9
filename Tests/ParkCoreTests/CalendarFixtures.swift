import ParkCore

/// The State Council's schedules of 2018 to 2021 as the unit tests use them (the shipped files
/// in Config/calendar hold the same days; the daemon's tests read those).
enum CalendarFixtures {
    static func day(_ text: String) throws -> CivilDate { try CivilDate.parse(text, field: "day") }

    /// A schedule from `name from to` holidays and `day for` swapped working days.
    static func schedule(_ year: Int, holidays: [(String, String, String, String)], worked: [(String, String)]) throws -> HolidaySchedule {
        try HolidaySchedule(
            year: year,
            holidays: holidays.map { try Holiday(name: $0.0, chineseName: $0.1, first: day($0.2), last: day($0.3)) },
            swappedWorkingDays: worked.map { try SwappedWorkingDay(day: day($0.0), makesUpFor: $0.1) })
    }

    static func schedules() throws -> [HolidaySchedule] {
        [
            try schedule(2018, holidays: [
                ("New Year's Day", "元旦", "2018-01-01", "2018-01-01"), ("Spring Festival", "春节", "2018-02-15", "2018-02-21"),
                ("Tomb-sweeping Day", "清明节", "2018-04-05", "2018-04-07"), ("Labour Day", "劳动节", "2018-04-29", "2018-05-01"),
                ("Dragon Boat Festival", "端午节", "2018-06-18", "2018-06-18"), ("Mid-Autumn Festival", "中秋节", "2018-09-24", "2018-09-24"),
                ("National Day", "国庆节", "2018-10-01", "2018-10-07"), ("New Year's Day", "元旦", "2018-12-30", "2018-12-31"),
            ], worked: [
                ("2018-02-11", "Spring Festival"), ("2018-02-24", "Spring Festival"), ("2018-04-08", "Tomb-sweeping Day"),
                ("2018-04-28", "Labour Day"), ("2018-09-29", "National Day"), ("2018-09-30", "National Day"), ("2018-12-29", "New Year's Day"),
            ]),
            try schedule(2019, holidays: [
                ("New Year's Day", "元旦", "2019-01-01", "2019-01-01"), ("Spring Festival", "春节", "2019-02-04", "2019-02-10"),
                ("Tomb-sweeping Day", "清明节", "2019-04-05", "2019-04-05"), ("Labour Day", "劳动节", "2019-05-01", "2019-05-04"),
                ("Dragon Boat Festival", "端午节", "2019-06-07", "2019-06-07"), ("Mid-Autumn Festival", "中秋节", "2019-09-13", "2019-09-13"),
                ("National Day", "国庆节", "2019-10-01", "2019-10-07"),
            ], worked: [
                ("2019-02-02", "Spring Festival"), ("2019-02-03", "Spring Festival"), ("2019-04-28", "Labour Day"),
                ("2019-05-05", "Labour Day"), ("2019-09-29", "National Day"), ("2019-10-12", "National Day"),
            ]),
            try schedule(2020, holidays: [
                ("New Year's Day", "元旦", "2020-01-01", "2020-01-01"), ("Spring Festival", "春节", "2020-01-24", "2020-01-30"),
                ("Spring Festival extension", "春节假期延长", "2020-01-31", "2020-02-02"),
                ("Tomb-sweeping Day", "清明节", "2020-04-04", "2020-04-06"), ("Labour Day", "劳动节", "2020-05-01", "2020-05-05"),
                ("Dragon Boat Festival", "端午节", "2020-06-25", "2020-06-27"),
                ("National Day and Mid-Autumn Festival", "国庆节、中秋节", "2020-10-01", "2020-10-08"),
            ], worked: [
                ("2020-01-19", "Spring Festival"), ("2020-04-26", "Labour Day"), ("2020-05-09", "Labour Day"),
                ("2020-06-28", "Dragon Boat Festival"), ("2020-09-27", "National Day and Mid-Autumn Festival"),
                ("2020-10-10", "National Day and Mid-Autumn Festival"),
            ]),
            try schedule(2021, holidays: [
                ("New Year's Day", "元旦", "2021-01-01", "2021-01-03"), ("Spring Festival", "春节", "2021-02-11", "2021-02-17"),
                ("Tomb-sweeping Day", "清明节", "2021-04-03", "2021-04-05"), ("Labour Day", "劳动节", "2021-05-01", "2021-05-05"),
                ("Dragon Boat Festival", "端午节", "2021-06-12", "2021-06-14"), ("Mid-Autumn Festival", "中秋节", "2021-09-19", "2021-09-21"),
                ("National Day", "国庆节", "2021-10-01", "2021-10-07"),
            ], worked: [
                ("2021-02-07", "Spring Festival"), ("2021-02-20", "Spring Festival"), ("2021-04-25", "Labour Day"),
                ("2021-05-08", "Labour Day"), ("2021-09-18", "Mid-Autumn Festival"), ("2021-09-26", "National Day"),
                ("2021-10-09", "National Day"),
            ]),
        ]
    }

    /// 2018 to 2021.
    static func calendar() throws -> WorkingDayCalendar { try WorkingDayCalendar(schedules()) }
}
