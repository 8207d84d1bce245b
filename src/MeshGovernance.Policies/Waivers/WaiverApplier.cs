using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;
using MeshGovernance.Results;

namespace MeshGovernance.Policies.Waivers;

/// <summary>
/// Applies governance/waivers.yaml to policy findings. A waived finding stays in the results, marked with its
/// waiver. Waivers that cannot apply are findings themselves: an unknown policy or subject, a hard-mandatory
/// policy (error), an expired waiver (warning, and its findings count again), one close to expiry or unused (notice).
/// </summary>
internal static class WaiverApplier
{
    public const int ExpiresSoonDays = 14;

    public static IReadOnlyList<Diagnostic> Apply(
        IReadOnlyList<Waiver> waivers,
        IReadOnlyList<Diagnostic> findings,
        IReadOnlyDictionary<string, Enforcement> enabledPolicies,
        ISet<string> knownPolicies,
        MeshSubjects mesh,
        DateOnly today,
        List<Diagnostic> waiverDiagnostics,
        List<WaiverOutcome> outcomes)
    {
        var subjects = KnownSubjects(mesh);
        var applicable = new List<Waiver>();
        var statuses = new Dictionary<Waiver, WaiverStatus>(ReferenceEqualityComparer.Instance);
        foreach (var waiver in waivers)
        {
            var before = waiverDiagnostics.Count;
            if (!knownPolicies.Contains(waiver.PolicyId))
            {
                waiverDiagnostics.Add(DiagnosticCatalog.WaiverPolicyUnknown.Create(
                    waiver.Source.SpanOf("policy"),
                    $"The waiver names the policy '{waiver.PolicyId}', which does not exist{Suggestion(waiver.PolicyId, knownPolicies)}."));
            }
            else if (enabledPolicies.TryGetValue(waiver.PolicyId, out var enforcement) && enforcement == Enforcement.HardMandatory)
            {
                waiverDiagnostics.Add(DiagnosticCatalog.WaiverForHardMandatory.Create(
                    waiver.Source.SpanOf("policy"),
                    $"The policy '{waiver.PolicyId}' is hard-mandatory: its findings cannot be waived, so this waiver does not apply. Fix the findings, or ask the governance group to lower its enforcement in mesh.yaml."));
            }

            foreach (var subject in waiver.Subjects.Where(s => !subjects.Contains(s.Value)))
            {
                waiverDiagnostics.Add(DiagnosticCatalog.WaiverSubjectUnknown.Create(
                    subject.Span,
                    $"The waiver names the subject '{subject.Value}', which is no product, contract, domain or team of the mesh{Suggestion(subject.Value, subjects)}."));
            }

            if (waiver.Expires is not { } expires)
            {
                waiverDiagnostics.Add(DiagnosticCatalog.SchemaOutOfRange.Create(waiver.Source.SpanOf("expires"), $"'{waiver.ExpiresText}' is not a date; write the last day the waiver applies as YYYY-MM-DD."));
            }
            else if (expires < today)
            {
                waiverDiagnostics.Add(DiagnosticCatalog.WaiverExpired.Create(
                    waiver.Source.SpanOf("expires"),
                    $"The waiver of '{waiver.PolicyId}' for {string.Join(", ", waiver.Subjects.Select(s => s.Value))} expired on {waiver.ExpiresText}; its findings count again."));
                statuses[waiver] = WaiverStatus.Expired;
                continue;
            }
            else if (expires.DayNumber - today.DayNumber <= ExpiresSoonDays)
            {
                waiverDiagnostics.Add(DiagnosticCatalog.WaiverExpiresSoon.Create(
                    waiver.Source.SpanOf("expires"),
                    $"The waiver of '{waiver.PolicyId}' for {string.Join(", ", waiver.Subjects.Select(s => s.Value))} expires on {waiver.ExpiresText}, in {expires.DayNumber - today.DayNumber} days."));
            }

            if (waiverDiagnostics.Skip(before).All(d => d.Level != DiagnosticLevel.Error))
            {
                applicable.Add(waiver);
            }
            else
            {
                statuses[waiver] = WaiverStatus.DoesNotApply;
            }
        }

        var used = new Dictionary<Waiver, int>(ReferenceEqualityComparer.Instance);
        var result = findings.Select(finding =>
        {
            // An engine error (a policy that did not compile or finish) is never waived: it is not a finding on a subject.
            if (finding.Policy is not { Enforcement: not Enforcement.HardMandatory } policy || finding.Id != policy.PolicyId)
            {
                return finding;
            }

            var waiver = applicable.FirstOrDefault(w => w.PolicyId == policy.PolicyId && w.Subjects.Any(s => s.Value == finding.Subject));
            if (waiver is null)
            {
                return finding;
            }

            used[waiver] = used.GetValueOrDefault(waiver) + 1;
            return finding with { Policy = policy with { Waiver = waiver.ToApplied() } };
        }).ToList();

        outcomes.AddRange(waivers.Select(w => new WaiverOutcome(
            w,
            statuses.GetValueOrDefault(w, used.ContainsKey(w) ? WaiverStatus.Applies : WaiverStatus.Unused),
            used.GetValueOrDefault(w))));
        foreach (var waiver in applicable.Where(w => !used.ContainsKey(w) && enabledPolicies.ContainsKey(w.PolicyId)))
        {
            waiverDiagnostics.Add(DiagnosticCatalog.WaiverUnused.Create(
                waiver.Span,
                $"No finding of '{waiver.PolicyId}' on {string.Join(", ", waiver.Subjects.Select(s => s.Value))} needs this waiver any more; remove it."));
        }

        return result;
    }

    private static HashSet<string> KnownSubjects(MeshSubjects mesh)
    {
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        subjects.UnionWith(mesh.Teams);
        subjects.UnionWith(mesh.Domains);
        subjects.UnionWith(mesh.Products);
        subjects.UnionWith(mesh.Contracts);
        if (mesh.MeshName is { Length: > 0 } name)
        {
            subjects.Add(name);
        }

        return subjects;
    }

    private static string Suggestion(string given, ICollection<string> known) =>
        Spelling.Closest(given, known.ToList()) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
}
