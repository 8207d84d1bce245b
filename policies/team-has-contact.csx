// ---
// id: team-has-contact
// title: Every team can be contacted and is known on GitHub
// enforcement: advisory
// category: ownership
// rationale: >-
//   Ownership is only useful when the owners can be reached. Consumers with a question, a data protection
//   request or an incident need a team address that outlives any one person, and pull requests need a
//   GitHub team (or at least named members) to request reviews from.
// scope: teams
// params:
//   requireGithubTeam: false
// ---
var requireGithubTeam = Params.Boolean("requireGithubTeam");
var email = new Regex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);
var webAddress = new Regex(@"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

foreach (var team in Mesh.Teams)
{
    var file = $"teams/{team.FileStem}.yaml";
    if (string.IsNullOrWhiteSpace(team.Email) && string.IsNullOrWhiteSpace(team.Slack) && string.IsNullOrWhiteSpace(team.Url))
    {
        Fail(team, "contact", $"Team '{team.Id}' has no contact; add 'contact' with a team mailbox (email), a chat channel (slack) or a team page (url) to {file}, so that consumers can reach the team rather than one person.");
    }
    else
    {
        if (!string.IsNullOrWhiteSpace(team.Email) && !email.IsMatch(team.Email.Trim()))
        {
            Fail(team, "contact", $"Team '{team.Id}' gives the contact email '{team.Email}', which is not an e-mail address; write it as name@domain, such as '{team.Id}@example.com'.");
        }

        if (!string.IsNullOrWhiteSpace(team.Url) && !webAddress.IsMatch(team.Url.Trim()))
        {
            Fail(team, "contact", $"Team '{team.Id}' gives the contact url '{team.Url}', which is not an http(s) address; write the full link, starting with https://.");
        }
    }

    if (string.IsNullOrWhiteSpace(team.GitHubTeam))
    {
        if (requireGithubTeam)
        {
            Fail(team, "githubTeam", $"Team '{team.Id}' has no githubTeam; set it to the GitHub team as org/team-slug in {file}, so that CODEOWNERS can request its review.");
        }
        else if (team.Members.Count == 0)
        {
            Fail(team, "members", $"Team '{team.Id}' has neither a githubTeam nor members; add its members' GitHub logins, or its GitHub team as org/team-slug, to {file}.");
        }
    }
}
