using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshGovernance.Site;

/// <summary>Renders page components to HTML with the framework's <see cref="HtmlRenderer"/>, in the invariant culture.</summary>
public sealed class PageRenderer : IAsyncDisposable
{
    // The pages ask no services: one empty provider serves every renderer of the process.
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly HtmlRenderer _renderer = new(Services, Services.GetRequiredService<ILoggerFactory>() ?? NullLoggerFactory.Instance);

    /// <summary>Renders a page into <paramref name="page"/>, which it clears first.</summary>
    public Task RenderAsync<TComponent>(IDictionary<string, object?> parameters, PageBuffer page)
        where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            // Numbers in SVG coordinates and counts must not take a locale's decimal comma.
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            page.Clear();
            output.WriteHtmlTo(page);
            page.MakeDocument();
        });

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
