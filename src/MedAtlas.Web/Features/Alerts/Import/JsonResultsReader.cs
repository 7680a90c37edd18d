using System.Text.Json;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.Alerts.Import;

/// <summary>
/// Reads the elements of the top-level <c>results</c> array of an openFDA download one at a time, holding only the
/// current element in memory (the file is one 20 MB document). Everything else at the top level (<c>meta</c>) is
/// skipped. Invalid JSON cannot be read past, so it ends the read with an <see cref="ImportFormatException"/>.
/// </summary>
internal sealed class JsonResultsReader(Stream stream, string name)
{
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool final;
    private JsonReaderState state;
    private bool inResults;
    private bool done;
    private bool sawRoot;

    /// <summary>Bytes consumed so far, for error messages.</summary>
    private long position;

    /// <summary>The next element of <c>results</c> (the caller disposes it), or null after the last.</summary>
    public JsonDocument? Next()
    {
        while (!done)
        {
            var outcome = Step(out var element);
            if (outcome == Outcome.Element)
                return element;
            if (outcome == Outcome.NeedMore)
                Fill();
        }

        return null;
    }

    private enum Outcome
    {
        Element,
        NeedMore,
        Done,
    }

    private Outcome Step(out JsonDocument? element)
    {
        element = null;
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = reader.BytesConsumed;
                if (!reader.Read())
                    return Keep(ref reader, Outcome.NeedMore);

                if (inResults)
                {
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        done = true;
                        return Outcome.Done;
                    }

                    var probe = reader;
                    if (!probe.TrySkip())
                        return Rewind(before, beforeConsumed);
                    element = JsonDocument.ParseValue(ref reader);
                    return Keep(ref reader, Outcome.Element);
                }

                if (!sawRoot)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new ImportFormatException($"{name} is not an openFDA download: it should be a JSON object with a \"results\" array.");
                    sawRoot = true;
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    throw new ImportFormatException($"{name} has no \"results\" array: is it an openFDA download?");

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("results"u8))
                {
                    if (!reader.Read())
                        return Rewind(before, beforeConsumed);
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new ImportFormatException($"In {name}, \"results\" is not an array.");
                    inResults = true;
                    continue;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var probe = reader;
                    if (!probe.TrySkip())
                        return Rewind(before, beforeConsumed);
                    reader.TrySkip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new ImportFormatException($"{name} is not valid JSON near byte {position + reader.BytesConsumed:N0}: {e.Message}");
        }
    }

    private Outcome Keep(ref Utf8JsonReader reader, Outcome outcome)
    {
        state = reader.CurrentState;
        Advance(reader.BytesConsumed);
        return outcome;
    }

    private Outcome Rewind(JsonReaderState before, long consumed)
    {
        state = before;
        Advance(consumed);
        return Outcome.NeedMore;
    }

    private void Advance(long consumed)
    {
        start += (int)consumed;
        position += consumed;
    }

    private void Fill()
    {
        if (final)
            throw new ImportFormatException($"{name} ends inside a record or before the end of \"results\": the file is cut short.");

        var left = end - start;
        if (left == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2);
        else if (start > 0)
            Buffer.BlockCopy(buffer, start, buffer, 0, left);
        start = 0;
        end = left;
        var read = stream.ReadAtLeast(buffer.AsSpan(end), Math.Min(buffer.Length - end, 1), throwOnEndOfStream: false);
        end += read;
        if (read == 0)
            final = true;
    }
}
