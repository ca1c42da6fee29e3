namespace GitHost.Data.Users;

public enum UserType
{
    Normal = 0,
    Service = 1,
}
