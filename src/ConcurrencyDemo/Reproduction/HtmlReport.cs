using System.Globalization;
using System.Net;
using System.Text;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// The reproduction as one self-contained HTML page: no external CSS or JS, charts embedded as PNG
/// data URIs, so it opens offline and can be mailed as one file.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:1500px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
        h1{font-size:1.7em;margin-bottom:.2em} h2{margin-top:2.2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
        table{border-collapse:collapse;margin:1em 0;width:100%} th,td{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3} td.num{text-align:right;font-variant-numeric:tabular-nums}
        .verdict{font-weight:bold;padding:.1em .5em;border-radius:.3em;white-space:nowrap}
        .Matches{background:#d9f2d9;color:#155d15} .Differs{background:#fde2c8;color:#8a4100} .SameDirection{background:#fff3bf;color:#6b5300} .NotRun{background:#e6e6e6;color:#555}
        code{background:#f5f5f5;padding:.1em .3em;border-radius:.2em;font-size:.9em;word-break:break-all}
        figure{margin:1.2em 0} figure img{max-width:100%;border:1px solid #ddd} figcaption{color:#555;font-size:.9em}
        .meta{color:#555}
        """;

    // Sets data attributes when every image has decoded, so a headless browser's DOM dump can prove it.
    private const string ImageCheck = """
        function checkImages(){var imgs=document.images,ok=0;for(var i=0;i<imgs.length;i++){if(imgs[i].complete&&imgs[i].naturalWidth>0)ok++;}
        document.body.setAttribute('data-images-loaded',ok+'/'+imgs.length);if(ok===imgs.length)document.body.setAttribute('data-all-images-loaded','true');}
        window.addEventListener('load',checkImages);
        """;

    /// <summary>Renders the page.</summary>
    public static string Render(ReproductionReport report, string generatedAt)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reproduction of “Distributed systems and async I/O”</title>");
        html.Append("<style>").Append(Style).AppendLine("</style></head><body>");
        html.AppendLine(report.Interrupted ? "<h1>The article, re-measured (PARTIAL: interrupted)</h1>" : "<h1>The article, re-measured</h1>");
        string mode = report.Options.VirtualOnly ? "virtual clock only" : report.Options.Quick ? "quick (fewer real-clock requests)" : "full";
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"meta\">Every number below comes from this run ({E(mode)}, {report.Took.TotalSeconds:0} s) on {E(report.Machine)}, generated {E(generatedAt)}. The article's figures were measured by its author on 4 cores, Intel Xeon 2.30 GHz.</p>");

        html.AppendLine("<table id=\"summary\"><thead><tr><th>id</th><th>experiment</th><th>article</th><th>ours</th><th>theory</th><th>verdict</th></tr></thead><tbody>");
        foreach (ExperimentResult x in report.Experiments)
        {
            html.AppendLine($"<tr><td><a href=\"#{x.Id}\">{x.Id}</a></td><td>{E(x.Title)}</td><td>{E(x.Article)}</td><td>{E(x.Ours)}</td><td>{E(x.Theory)}</td><td>{Badge(x.Verdict)}</td></tr>");
        }

        html.AppendLine("</tbody></table>");

        foreach (ExperimentResult x in report.Experiments)
        {
            html.AppendLine($"<section id=\"{x.Id}\"><h2>{x.Id} — {E(x.Title)}</h2>");
            html.AppendLine("<table><tbody>");
            html.AppendLine($"<tr><th>command</th><td>{string.Join("<br>", x.Commands.Select(c => $"<code>{E(c)}</code>"))}</td></tr>");
            html.AppendLine($"<tr><th>article</th><td>{E(x.Article)}</td></tr>");
            html.AppendLine($"<tr><th>ours</th><td>{E(x.Ours)}</td></tr>");
            html.AppendLine($"<tr><th>theory</th><td>{E(x.Theory)}</td></tr>");
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><th>verdict</th><td>{Badge(x.Verdict)} {E(x.Why)}{(x.Rule.Length > 0 ? $" <span class=\"meta\">Rule: {E(x.Rule)}.</span>" : "")} <span class=\"meta\">({x.Took.TotalSeconds:0.0} s)</span></td></tr>");
            html.AppendLine("</tbody></table>");
            if (x.Table.Count > 1)
            {
                html.AppendLine("<table class=\"details\"><thead><tr>");
                foreach (string h in x.Table[0])
                {
                    html.Append("<th>").Append(E(h)).Append("</th>");
                }

                html.AppendLine("</tr></thead><tbody>");
                foreach (IReadOnlyList<string> row in x.Table.Skip(1))
                {
                    html.Append("<tr>");
                    foreach (string cell in row)
                    {
                        html.Append("<td class=\"num\">").Append(E(cell)).Append("</td>");
                    }

                    html.AppendLine("</tr>");
                }

                html.AppendLine("</tbody></table>");
            }

            foreach (ExperimentChart chart in x.Charts)
            {
                html.AppendLine($"<figure><img alt=\"{E(chart.Caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\"><figcaption>{E(chart.Caption)}</figcaption></figure>");
            }

            html.AppendLine("</section>");
        }

        html.Append("<script>").Append(ImageCheck).AppendLine("</script>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Badge(Verdict v) => $"<span class=\"verdict {v}\">{VerdictText.Of(v)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
