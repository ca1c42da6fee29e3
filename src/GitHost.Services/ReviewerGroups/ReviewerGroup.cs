using GitHost.Data.ReviewerGroups;
using GitHost.Data.Users;

namespace GitHost.Services.ReviewerGroups;

/// <summary>A reviewer group with its users, ordered by name.</summary>
public sealed record ReviewerGroup(ReviewerGroupEntity Group, IReadOnlyList<UserEntity> Users);
