-- release_info: facts about the data set itself (data_as_of). Used by: every page's
-- captions. No parameters.
select key, value from release
