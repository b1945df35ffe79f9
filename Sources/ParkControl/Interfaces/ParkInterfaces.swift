/// The interfaces parkd serves, as both ends of the channel know them.
public enum ParkInterfaces {
    /// Every one, in the order of GetInfo's list.
    public static let all: [VarlinkInterface] = [
        ApplicationAPI.interface, AuditAPI.interface, BackupAPI.interface, BankAccountAPI.interface, BlocklistAPI.interface,
        CalendarAPI.interface, DemoAPI.interface, EventAPI.interface, IncubatorAPI.interface, LeaseAPI.interface, NoticeAPI.interface,
        PaymentAPI.interface, PolicyAPI.interface, ReportAPI.interface, ReviewAPI.interface, RewardAPI.interface, ServiceAPI.interface,
        StatsAPI.interface, SubmissionAPI.interface, TenantAPI.interface, TenantKeyAPI.interface, TimerAPI.interface, UnitAPI.interface, VarlinkServiceAPI.interface,
    ]
}
