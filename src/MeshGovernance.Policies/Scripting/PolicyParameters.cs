using System.Globalization;

namespace MeshGovernance.Policies.Scripting;

/// <summary>
/// A policy's parameters, typed by their defaults: text, whole number, number, true/false, or a list of texts.
/// Asking for a parameter the policy does not declare, or as another type, is a defect in the policy.
/// </summary>
public sealed class PolicyParameters
{
    private readonly IReadOnlyDictionary<string, object> _values;

    public PolicyParameters(IReadOnlyDictionary<string, object> values) => _values = values;

    public static PolicyParameters Empty { get; } = new(new Dictionary<string, object>());

    public IEnumerable<string> Names => _values.Keys;

    public bool Has(string name) => _values.ContainsKey(name);

    public string String(string name) => Get<string>(name);

    public long Integer(string name) => Get<long>(name);

    public double Number(string name) => _values.TryGetValue(name, out var value) && value is long whole
        ? whole
        : Get<double>(name);

    public bool Boolean(string name) => Get<bool>(name);

    public IReadOnlyList<string> List(string name) => Get<IReadOnlyList<string>>(name);

    private T Get<T>(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            throw new KeyNotFoundException($"The policy has no parameter '{name}'; declare it under 'params:' in the policy's metadata.");
        }

        return value is T typed
            ? typed
            : throw new InvalidCastException(string.Create(CultureInfo.InvariantCulture, $"The parameter '{name}' is {ParameterTypes.Describe(value)}, not {typeof(T).Name}."));
    }
}
