using System.Reflection;
using System.Reflection.Emit;

namespace MedAtlas.Tests.Architecture;

/// <summary>One use of another feature's type: which type of which feature refers to which type of which feature.</summary>
public sealed record FeatureReference(string From, string FromType, string To, string ToType);

/// <summary>
/// Every reference from a type of one feature (<c>MedAtlas.Web.Features.X</c>, its compiled Razor pages and views, and the
/// compiler's closures, iterators and async state machines inside them) to a type of another: base types, interfaces,
/// attributes, fields, properties, method signatures, locals, generic arguments, and each member and type token of the
/// method bodies' IL.
/// </summary>
public static class FeatureReferences
{
    private const string FeaturesNamespace = "MedAtlas.Web.Features.";
    private const string RazorNamespace = "AspNetCoreGeneratedDocument";
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The feature a type belongs to ("Pills"), or null for Infrastructure, the framework and everything else.</summary>
    public static string? FeatureOf(Type type)
    {
        var outer = Outermost(type);
        if (outer.Namespace is { } ns && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
            return ns[FeaturesNamespace.Length..].Split('.')[0];
        // Razor compiles Features/Pills/Pages/Identifier.cshtml to AspNetCoreGeneratedDocument.Features_Pills_Pages_Identifier.
        if (outer.Namespace == RazorNamespace && outer.Name.StartsWith("Features_", StringComparison.Ordinal))
            return outer.Name.Split('_')[1] is { Length: > 0 } feature ? feature : null;
        return null;
    }

    /// <summary>The type a person would name: the outermost declaring type, without generic arity ("DrugCatalog", "Features_Pills_Pages_Identifier").</summary>
    public static string NameOf(Type type)
    {
        var name = Outermost(type).Name;
        return name.IndexOf('`', StringComparison.Ordinal) is var tick and > 0 ? name[..tick] : name;
    }

    public static IReadOnlyList<FeatureReference> Find(Assembly assembly)
    {
        var found = new HashSet<FeatureReference>();
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } from)
                continue;
            foreach (var referenced in ReferencedTypes(type))
            {
                if (FeatureOf(referenced) is { } to && to != from)
                    found.Add(new FeatureReference(from, NameOf(type), to, NameOf(referenced)));
            }
        }

        return [.. found.OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal)
            .ThenBy(r => r.FromType, StringComparer.Ordinal).ThenBy(r => r.ToType, StringComparer.Ordinal)];
    }

    private static Type Outermost(Type type)
    {
        while (type.HasElementType)
            type = type.GetElementType()!;
        while (type.DeclaringType is { } outer)
            type = outer;
        return type;
    }

    private static HashSet<Type> ReferencedTypes(Type type)
    {
        var seen = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter || !seen.Add(t))
                return;
            if (t.HasElementType)
                Add(t.GetElementType());
            if (t.IsGenericType)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                    Add(argument);
            }
        }

        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
                {
                    if (argument.Value is Type typeArgument)
                        Add(typeArgument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
            Add(i);
        AddAttributes(type.CustomAttributes);
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
            AddAttributes(field.CustomAttributes);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
            AddAttributes(property.CustomAttributes);
        }

        foreach (var e in type.GetEvents(Declared))
            Add(e.EventHandlerType);

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddAttributes(method.CustomAttributes);
            if (method is MethodInfo info)
                Add(info.ReturnType);
            foreach (var parameter in method.GetParameters())
                Add(parameter.ParameterType);
            if (method.IsGenericMethodDefinition)
            {
                foreach (var constraint in method.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()))
                    Add(constraint);
            }

            MethodBody? body;
            try
            {
                body = method.GetMethodBody();
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
            {
                body = null;
            }

            if (body is null)
                continue;
            foreach (var local in body.LocalVariables)
                Add(local.LocalType);
            foreach (var referenced in BodyTypes(method, body.GetILAsByteArray() ?? []))
                Add(referenced);
        }

        return seen;
    }

    /// <summary>The types the IL names: each call's, field's and type token's declaring type, signature and generic arguments.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
                value = (short)(0xFE00 | il[at++]);
            if (!OpCodesByValue.TryGetValue(value, out var opCode))
                yield break;

            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    foreach (var t in Resolve(module, token, typeArguments, methodArguments))
                        yield return t;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            yield break;
        }

        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case FieldInfo f:
                if (f.DeclaringType is { } fieldOwner)
                    yield return fieldOwner;
                yield return f.FieldType;
                break;
            case MethodBase m:
                if (m.DeclaringType is { } methodOwner)
                    yield return methodOwner;
                if (m is MethodInfo info)
                    yield return info.ReturnType;
                if (m.IsGenericMethod)
                {
                    foreach (var argument in m.GetGenericArguments())
                        yield return argument;
                }

                foreach (var parameter in m.GetParameters())
                    yield return parameter.ParameterType;
                break;
        }
    }
}
