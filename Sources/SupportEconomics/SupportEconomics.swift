public import PlanCore

/// The support-economics domain: staffing built-ins, tiers, presets.
public enum SupportEconomics {
    /// The tiers of the standard model, in order.
    public static let tiers = ["routine", "standard", "complex"]

    /// The language's built-ins plus the staffing functions (Erlang C and A), by contract name.
    public static let builtins: Builtins = {
        var builtins = Builtins.core
        for builtin in StaffingBuiltins.all { builtins.register(builtin) }
        return builtins
    }()
}
