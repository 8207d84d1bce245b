using System.Security.Cryptography;
using System.Text;
using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Policies.Baselines;

/// <summary>
/// What identifies a finding across commits: its rule (policy or MG id), file, subject and message, but not
/// its line or column, so that edits elsewhere in the file do not make a recorded finding look new. Two
/// findings alike in all four share a fingerprint; the baseline then records it once per finding.
/// </summary>
public static class FindingFingerprint
{
    public static string Of(Diagnostic finding)
    {
        var text = string.Join('\n', finding.Id, finding.File, finding.Subject ?? string.Empty, finding.Message);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}
