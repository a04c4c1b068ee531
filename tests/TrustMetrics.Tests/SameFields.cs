using System.Collections;
using System.Reflection;

namespace TrustMetrics.Tests;

/// <summary>
/// Field-by-field comparison of results, which are sealed classes without value equality (docs/api-conventions.md): every public
/// property, lists element by element, numbers exactly (the cases compared are computed from the same counts).
/// </summary>
internal static class SameFields
{
    public static void Equal(object? expected, object? actual, string path = "value")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: type {type.Name} vs {actual.GetType().Name}");
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateOnly or DateTime || type.Namespace?.StartsWith("TrustMetrics", StringComparison.Ordinal) != true && expected is not IEnumerable)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        if (expected is IEnumerable items)
        {
            var left = items.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: {left.Count} elements vs {right.Count}");
            for (int i = 0; i < left.Count; i++)
            {
                Equal(left[i], right[i], $"{path}[{i}]");
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && !property.PropertyType.IsByRefLike)
            {
                Equal(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }
}
