using GitHost.Core.Failures;
using GitHost.Data.ReviewerGroups;
using GitHost.Services.DefaultReviewers;

namespace GitHost.Services.ReviewerGroups;

/// <summary>
/// <c>RestReviewerGroup</c> as sent: on create a name is required; on update only the members that
/// are present change (an empty description clears it). Users are named by id, name or slug.
/// </summary>
public sealed record ReviewerGroupInput(string? Name, string? Description, IReadOnlyList<ReviewerReference?>? Users)
{
    public const int MaxUsers = 500;

    public string? ValidName(bool required)
    {
        if (Name is null)
        {
            return required ? throw GitHostException.Invalid("Give the reviewer group a name.", "name") : null;
        }

        var name = Name.Trim();
        if (name.Length == 0 || name.Length > ReviewerGroupEntity.MaxNameLength || name.Any(char.IsControl))
        {
            throw GitHostException.Invalid(
                $"A reviewer group name is 1 to {ReviewerGroupEntity.MaxNameLength} characters without control characters.", "name");
        }

        return name;
    }

    /// <summary>Null when absent; "" when the caller clears it.</summary>
    public string? ValidDescription()
    {
        if (Description is null)
        {
            return null;
        }

        return Description.Length <= ReviewerGroupEntity.MaxDescriptionLength
            ? Description.Trim()
            : throw GitHostException.Invalid($"A reviewer group description is at most {ReviewerGroupEntity.MaxDescriptionLength} characters.", "description");
    }

    public IReadOnlyList<ReviewerReference>? ValidUsers()
    {
        if (Users is null)
        {
            return null;
        }

        if (Users.Count > MaxUsers)
        {
            throw GitHostException.Invalid($"A reviewer group has at most {MaxUsers} users.", "users");
        }

        return Users.Select(u => u is { } reference && (reference.Id is not null || !string.IsNullOrWhiteSpace(reference.Name) || !string.IsNullOrWhiteSpace(reference.Slug))
            ? reference
            : throw GitHostException.Invalid("Each user is named by an id, name or slug.", "users")).ToList();
    }
}
