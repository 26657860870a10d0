package com.bookingengine.query.catalogue;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

interface ServiceEntityRepository extends JpaRepository<ServiceEntity, String> {
    List<ServiceEntity> findAllByOrderByNameAscServiceIdAsc();
}

interface CourseSessionEntityRepository extends JpaRepository<CourseSessionEntity, String> {
    List<CourseSessionEntity> findByServiceIdInOrderByStartAtAsc(Collection<String> serviceIds);
}

interface SessionEntityRepository extends JpaRepository<SessionEntity, String> {
    List<SessionEntity> findByServiceIdInOrderByStartAtAsc(Collection<String> serviceIds);
}
