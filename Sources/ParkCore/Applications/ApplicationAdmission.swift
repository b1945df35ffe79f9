/// What receiving an application decides, before anything is stored: the prescreen's checks,
/// the application's status, and what happens to the firm's record in the registry.
public struct ApplicationAdmission: Equatable, Sendable {
    /// The firm's record in the registry after the application.
    public enum Registry: Equatable, Sendable {
        /// A new applicant record, moved on by `statusChange`.
        case new(Tenant)
        /// The existing record (an applicant's, moved on by `statusChange`; any other is left as it is).
        case existing(Tenant)
        /// None: the credit code is not valid, so the registry cannot hold the firm.
        case none
    }

    /// Every criterion the configuration applies, passed or not, in the criteria's order.
    public let checks: [PrescreenCheck]
    public let status: ApplicationStatus
    public let registry: Registry
    /// applicant → reviewing (passed) or applicant → rejected (failed), when the firm's record is an applicant's.
    public let statusChange: StatusChange?

    public var passed: Bool { checks.allSatisfy(\.passed) }
    public var failures: [PrescreenCheck] { checks.filter { !$0.passed } }

    /// Prescreens `form` against what the park holds about the firm and decides.
    public static func decide(_ form: ApplicationForm, facts: PrescreenFacts, rules: PrescreenRules, today: CivilDate) -> ApplicationAdmission {
        let checks = rules.criteria.map { check($0, form, facts: facts, rules: rules) }
        let passed = checks.allSatisfy(\.passed)
        let registry: Registry = if let tenant = facts.tenant { .existing(tenant) } else { form.newTenant().map { .new($0) } ?? .none }
        var change: StatusChange?
        switch registry {
        case .new(let tenant), .existing(let tenant):
            if tenant.status == .applicant {
                let reason = passed
                    ? "application passed the prescreen"
                    : "application failed the prescreen: " + checks.filter { !$0.passed }.map(\.criterion.rawValue).joined(separator: ", ")
                // Applicant → reviewing or rejected is always allowed, on a day the tenant's
                // history allows: the application day, or the day it became an applicant.
                change = try? tenant.change(
                    to: passed ? .reviewing : .rejected, on: max(form.appliedOn, tenant.statusSince), reason: reason, today: today)
            }
        case .none:
            break
        }
        return ApplicationAdmission(
            checks: checks, status: passed ? .awaitingReview : .prescreenFailed, registry: registry, statusChange: change)
    }

    private static func check(_ criterion: PrescreenCriterion, _ form: ApplicationForm, facts: PrescreenFacts, rules: PrescreenRules) -> PrescreenCheck {
        func result(_ passed: Bool, _ reason: String) -> PrescreenCheck {
            PrescreenCheck(criterion: criterion, passed: passed, reason: reason)
        }
        switch criterion {
        case .creditCode:
            do {
                return result(true, "\(try CreditCode(form.creditCode).value) is a valid credit code")
            } catch {
                return result(false, error.reason)
            }
        case .licences:
            let needHRLicence = form.businessLines.filter { $0.isHRService && $0 != .dispatch }
            var missing: [String] = []
            if !needHRLicence.isEmpty, form.hrServiceLicence == nil {
                missing.append("no HR service licence, needed for \(needHRLicence.map(\.rawValue).joined(separator: ", "))")
            }
            if form.businessLines.contains(.dispatch), form.dispatchLicence == nil {
                missing.append("no dispatch licence, needed for dispatch")
            }
            guard missing.isEmpty else { return result(false, missing.joined(separator: "; ")) }
            var held: [String] = []
            if let licence = form.hrServiceLicence { held.append("HR service licence \(licence)") }
            if let licence = form.dispatchLicence { held.append("dispatch licence \(licence)") }
            return result(true, held.isEmpty ? "no line of business needs a licence" : held.joined(separator: ", "))
        case .registeredCapital:
            let minimum = rules.minimumRegisteredCapital
            return form.registeredCapital >= minimum
                ? result(true, "registered capital \(form.registeredCapital) yuan, at least \(minimum)")
                : result(false, "registered capital \(form.registeredCapital) yuan is below the minimum of \(minimum)")
        case .notATenant:
            guard let tenant = facts.tenant else { return result(true, "not in the registry") }
            switch tenant.status {
            case .applicant, .reviewing:
                return result(true, "in the registry as tenant \(tenant.id ?? 0), \(tenant.status.rawValue)")
            case .approved, .active, .exiting:
                return result(false, "already tenant \(tenant.id ?? 0), \(tenant.status.rawValue) since \(tenant.statusSince)")
            case .exited, .rejected:
                return result(false, "tenant \(tenant.id ?? 0) of the registry is \(tenant.status.rawValue) since \(tenant.statusSince), a status it cannot leave")
            }
        case .noOpenApplication:
            if let open = facts.openApplication { return result(false, "application \(open) of the firm is still open") }
            if let tenant = facts.tenant, tenant.status == .reviewing {
                return result(false, "tenant \(tenant.id ?? 0) is under review since \(tenant.statusSince)")
            }
            return result(true, "no other open application")
        case .notBlocklisted:
            guard let entry = facts.blocklisted else { return result(true, "not on the park's blocklist") }
            return result(false, "on the park's blocklist since \(entry.listedOn): \(entry.reason)")
        }
    }
}
